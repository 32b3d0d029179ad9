package io.switchboard.jca.adapter.inbound;

import io.switchboard.jca.adapter.inbound.ActivationCounters.Outcome;
import jakarta.resource.spi.work.Work;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link Work} that runs calls from its {@link DeliveryQueue} one after the other until the queue is empty.
 * {@link #release()} (the container wants its thread back) lets the call in progress finish and takes no more.
 */
final class DeliveryDrainer implements Work {

    private static final Logger LOG = Logger.getLogger(DeliveryDrainer.class.getName());

    private static final int SCHEDULED = 0;
    private static final int RUNNING = 1;
    private static final int GONE = 2;

    private final DeliveryQueue queue;
    private final AtomicInteger phase = new AtomicInteger(SCHEDULED);
    private volatile boolean released;
    /** Guarded by the queue's lock: the current call is answered and this drainer has not taken again yet. */
    private boolean returning;

    private final Runnable answering;

    DeliveryDrainer(DeliveryQueue queue) {
        this.queue = queue;
        this.answering = () -> queue.returning(this);
    }

    @Override
    public void run() {
        for (DeliveryQueue.QueuedCall call = queue.take(this); call != null; call = queue.take(this)) {
            try {
                call.run(answering);
            } catch (RuntimeException | Error e) {
                // The call answers its own failures; this is a bug, and the drainer must live on for the others.
                LOG.log(Level.SEVERE, "a delivery failed outside the bean", e);
                call.refuse(Outcome.CONTAINER_FAILED, new DeliveryFailedException("the delivery failed: " + e));
            }
        }
    }

    /** Stops taking calls after the one in progress; safe to call any number of times. */
    @Override
    public void release() {
        released = true;
    }

    boolean isReleased() {
        return released;
    }

    /** The queue's lock held: marks the drainer returning; false when it was already. */
    boolean returningNow() {
        if (returning) {
            return false;
        }
        returning = true;
        return true;
    }

    /** The queue's lock held: the drainer is taking again; true when it was returning. */
    boolean backNow() {
        boolean was = returning;
        returning = false;
        return was;
    }

    /** True only on the first take: the drainer is no longer starting (the queue's lock held). */
    boolean startedNow() {
        return phase.compareAndSet(SCHEDULED, RUNNING);
    }

    /** True when the drainer never ran and now never will (the work manager rejected it); once. */
    boolean goneBeforeRunning() {
        return phase.compareAndSet(SCHEDULED, GONE);
    }
}
