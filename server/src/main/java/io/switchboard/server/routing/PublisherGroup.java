package io.switchboard.server.routing;

import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The publishers of one alias, immutable: publishing or rescinding builds a new group, so routing reads it
 * without locks. All members declared the same methods.
 */
final class PublisherGroup implements Destination {

    final String alias;
    final Set<String> methods;
    final Set<String> idempotent;
    final SessionPolicy policy;
    private final Publication[] publishers;
    /** Routes calls to the members; the directory's router. */
    private final CallRouter router;
    /** Where the next scan for the least loaded publisher starts, so that equal loads take turns. */
    private final AtomicInteger nextStart = new AtomicInteger();

    private PublisherGroup(
            String alias,
            Set<String> methods,
            Set<String> idempotent,
            SessionPolicy policy,
            Publication[] publishers,
            CallRouter router) {
        this.alias = alias;
        this.methods = methods;
        this.idempotent = idempotent;
        this.policy = policy;
        this.publishers = publishers;
        this.router = router;
    }

    static PublisherGroup of(Publication first, CallRouter router) {
        return new PublisherGroup(
                first.alias, first.methods, first.idempotent, first.policy, new Publication[] {first}, router);
    }

    int size() {
        return publishers.length;
    }

    /** This group with {@code publication} in place of the same connection's entry, or added. */
    PublisherGroup with(Publication publication) {
        List<Publication> next = new ArrayList<>(publishers.length + 1);
        for (Publication p : publishers) {
            if (p.connection != publication.connection) {
                next.add(p);
            }
        }
        next.add(publication);
        return new PublisherGroup(alias, methods, idempotent, policy, next.toArray(new Publication[0]), router);
    }

    /** This group without {@code connection}'s entry, or null when nobody is left. */
    PublisherGroup without(Connection connection) {
        List<Publication> next = new ArrayList<>(publishers.length);
        for (Publication p : publishers) {
            if (p.connection != connection) {
                next.add(p);
            }
        }
        return next.isEmpty()
                ? null
                : new PublisherGroup(alias, methods, idempotent, policy, next.toArray(new Publication[0]), router);
    }

    boolean contains(Publication publication) {
        for (Publication p : publishers) {
            if (p == publication) {
                return true;
            }
        }
        return false;
    }

    /**
     * Picks the publisher with the fewest deliveries outstanding that is below its cap, and takes one of its
     * permits. Publishers with equal loads take turns: each scan starts one place further round the group, so
     * sequential calls (each answered before the next) spread over all of them. Groups are small (a handful of
     * replicas), so one scan is cheap.
     *
     * @param exclude a connection not to pick (the one just lost), or null
     * @return the publisher holding a new permit, or null when every one is at its cap
     */
    Publication acquireLeastLoaded(Connection exclude) {
        int n = publishers.length;
        int start = n == 1 ? 0 : Math.floorMod(nextStart.getAndIncrement(), n);
        while (true) {
            Publication best = null;
            int bestLoad = Integer.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                Publication p = publishers[(start + i) % n];
                int load = p.inflight();
                if (p.connection != exclude && !p.connection.isClosed() && load < p.maxInflight && load < bestLoad) {
                    best = p;
                    bestLoad = load;
                }
            }
            if (best == null) {
                return null;
            }
            if (best.tryAcquire()) {
                return best;
            }
            // Another thread took the last permit between our read and our CAS: look again.
        }
    }

    @Override
    public boolean hasMethod(String method) {
        return methods.contains(method);
    }

    @Override
    public Result route(Call call) {
        return router.toLeastLoaded(call, this);
    }

    @Override
    public List<Publication> publications() {
        return List.of(publishers);
    }

    List<String> sortedMethods() {
        return methods.stream().sorted().toList();
    }

    List<String> sortedIdempotent() {
        return idempotent.stream().sorted().toList();
    }
}
