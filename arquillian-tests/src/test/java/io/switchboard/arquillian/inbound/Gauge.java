package io.switchboard.arquillian.inbound;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts executions in progress inside WildFly and remembers the most seen at once. */
public final class Gauge {

    private static final AtomicInteger IN_PROGRESS = new AtomicInteger();
    private static final AtomicInteger PEAK = new AtomicInteger();

    private Gauge() {}

    /** Counts one execution in; returns how many are in progress now, this one included. */
    static int enter() {
        int now = IN_PROGRESS.incrementAndGet();
        PEAK.accumulateAndGet(now, Math::max);
        return now;
    }

    static void leave() {
        IN_PROGRESS.decrementAndGet();
    }

    static int inProgress() {
        return IN_PROGRESS.get();
    }

    static int peak() {
        return PEAK.get();
    }
}
