package io.switchboard.server.routing;

import io.switchboard.protocol.SessionPolicy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection's PUBLISH of an alias: the methods it declared and its in-flight permits. The permits are
 * taken when a delivery is forwarded and given back exactly once, by whoever settles the delivery.
 */
public final class Publication {

    final Connection connection;
    final String alias;
    final Set<String> methods;
    final Set<String> idempotent;
    final int maxInflight;
    /** What happens to its calls while the session's publishers are away; the same for the whole group. */
    final SessionPolicy policy;

    private final AtomicInteger inflight = new AtomicInteger();

    Publication(
            Connection connection,
            String alias,
            Set<String> methods,
            Set<String> idempotent,
            int maxInflight,
            SessionPolicy policy) {
        this.connection = connection;
        this.alias = alias;
        this.methods = methods;
        this.idempotent = idempotent;
        this.maxInflight = maxInflight;
        this.policy = policy;
    }

    /** The connection that published. */
    public Connection connection() {
        return connection;
    }

    public String alias() {
        return alias;
    }

    int inflight() {
        return inflight.get();
    }

    /** Takes a permit unless the publication is at its cap. */
    boolean tryAcquire() {
        while (true) {
            int now = inflight.get();
            if (now >= maxInflight) {
                return false;
            }
            if (inflight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void release() {
        inflight.decrementAndGet();
    }

    boolean declaresSameMethodsAs(Set<String> otherMethods, Set<String> otherIdempotent) {
        return methods.equals(otherMethods) && idempotent.equals(otherIdempotent);
    }
}
