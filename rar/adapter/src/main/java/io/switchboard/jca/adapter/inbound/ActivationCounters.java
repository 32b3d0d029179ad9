package io.switchboard.jca.adapter.inbound;

import java.util.concurrent.atomic.LongAdder;

/** The counts of one activation; LongAdders, bumped on I/O and work manager threads without allocation. */
final class ActivationCounters {

    /** How one call ended, as far as the activation is concerned. */
    enum Outcome {
        DELIVERED,
        BEAN_FAILED,
        /** The bean's transaction rolled back on the last delivery the session's policy allowed. */
        ROLLED_BACK,
        REFUSED_AT_CAPACITY,
        REFUSED_BY_WORK_MANAGER,
        REFUSED_NO_BEAN_INSTANCE,
        REFUSED_STOPPING,
        REFUSED_EXPIRED,
        CONTAINER_FAILED
    }

    private final LongAdder reconnects = new LongAdder();
    private final LongAdder redeliveries = new LongAdder();
    private final LongAdder[] outcomes = new LongAdder[Outcome.values().length];

    ActivationCounters() {
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
    }

    void reconnecting() {
        reconnects.increment();
    }

    /** A call is delivered again after its transaction rolled back. */
    void redelivering() {
        redeliveries.increment();
    }

    long redeliveries() {
        return redeliveries.sum();
    }

    void ended(Outcome outcome) {
        outcomes[outcome.ordinal()].increment();
    }

    long reconnects() {
        return reconnects.sum();
    }

    long count(Outcome outcome) {
        return outcomes[outcome.ordinal()].sum();
    }
}
