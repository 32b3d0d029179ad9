package io.switchboard.jca.adapter.inbound;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the container's endpoint proxy would see, for one endpoint: beforeDelivery, afterDelivery and release in
 * the order the Connectors contract requires; every breach of it is recorded in the shared {@link Log}.
 */
final class EndpointLifecycle {

    /** Shared by all endpoints of one factory. */
    static final class Log {
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger before = new AtomicInteger();
        final AtomicInteger after = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        final List<String> breaches = new CopyOnWriteArrayList<>();
        final List<Method> methods = new CopyOnWriteArrayList<>();
        /** Transacted deliveries that committed and rolled back. */
        final AtomicInteger commits = new AtomicInteger();

        final AtomicInteger rollbacks = new AtomicInteger();
        /** Whether each endpoint was created with an XA resource, in order. */
        final List<Boolean> withXaResource = new CopyOnWriteArrayList<>();
        /** Transacted deliveries wait for it before they commit. */
        volatile CountDownLatch commitGate = new CountDownLatch(0);
    }

    private final Log log;
    /** Null for a delivery the container does not transact. */
    private final TestTransaction transaction;

    private boolean inDelivery;
    private boolean released;

    EndpointLifecycle(Log log, TestTransaction transaction) {
        this.log = log;
        this.transaction = transaction;
        log.created.incrementAndGet();
    }

    synchronized void before(Method method) {
        if (inDelivery || released) {
            log.breaches.add("beforeDelivery " + (released ? "after release" : "twice"));
        }
        inDelivery = true;
        log.methods.add(method);
        log.before.incrementAndGet();
        if (transaction != null) {
            transaction.begin();
        }
    }

    synchronized void after() {
        if (!inDelivery) {
            log.breaches.add("afterDelivery without beforeDelivery");
        }
        inDelivery = false;
        log.after.incrementAndGet();
        if (transaction != null) {
            transaction.complete();
        }
    }

    synchronized void release() {
        if (released) {
            log.breaches.add("release twice");
        }
        if (inDelivery) {
            log.breaches.add("release between beforeDelivery and afterDelivery");
        }
        released = true;
        log.released.incrementAndGet();
    }
}
