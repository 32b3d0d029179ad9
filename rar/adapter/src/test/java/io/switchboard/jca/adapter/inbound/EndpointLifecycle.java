package io.switchboard.jca.adapter.inbound;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    }

    private final Log log;
    private boolean inDelivery;
    private boolean released;

    EndpointLifecycle(Log log) {
        this.log = log;
        log.created.incrementAndGet();
    }

    synchronized void before(Method method) {
        if (inDelivery || released) {
            log.breaches.add("beforeDelivery " + (released ? "after release" : "twice"));
        }
        inDelivery = true;
        log.methods.add(method);
        log.before.incrementAndGet();
    }

    synchronized void after() {
        if (!inDelivery) {
            log.breaches.add("afterDelivery without beforeDelivery");
        }
        inDelivery = false;
        log.after.incrementAndGet();
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
