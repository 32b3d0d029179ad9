package io.switchboard.jca.adapter.inbound;

import io.switchboard.client.CallRefusedException;
import io.switchboard.jca.adapter.inbound.ActivationCounters.Outcome;
import io.switchboard.protocol.ResultCode;
import jakarta.resource.spi.work.WorkAdapter;
import jakarta.resource.spi.work.WorkEvent;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One activation's calls waiting for a thread, drained by at most {@code maxDrainers} {@link DeliveryDrainer}
 * works on the container's work manager. A drainer takes calls one after the other until the queue is empty, so
 * a burst of calls costs one {@code scheduleWork} (one pool thread woken) instead of one per call.
 *
 * <p>Concurrency still reaches {@code maxDrainers} when calls take long: at most one drainer is ever <em>starting</em>
 * (scheduled, not yet holding a call); a drainer that takes a call and leaves others queued starts the next one
 * (from its own thread, not the I/O thread that queued the calls). No drainer is started either while one whose
 * call was just answered is on its way back to the queue: it takes the next call itself. So a bean that blocks never holds up calls behind
 * it while a drainer may still be added, and a fast bean is drained by the drainers already running.
 *
 * <p>The queue is bounded: {@link #offer} refuses a call beyond {@code capacity}. It never holds a call without a
 * drainer that will take it: when the last drainer goes (released by the container, or rejected by the work
 * manager) the calls left are refused.
 */
final class DeliveryQueue {

    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class.getName());

    /** A call as the queue sees it: run it on a drainer's thread, or refuse it without running. */
    interface QueuedCall {
        /**
         * Runs the call to its answer; never throws for the bean's failures. Runs {@code answering} just before the
         * answer is sent (at most once): from then on the caller may send the next call, which this thread takes.
         */
        void run(Runnable answering);

        /** Answers the call without running it; a call already answered stays as it was. */
        void refuse(Outcome outcome, Throwable why);
    }

    private final int capacity;
    private final int maxDrainers;
    private final WorkManager workManager;
    private final String alias;

    // Guarded by this.
    private final ArrayDeque<QueuedCall> calls = new ArrayDeque<>();
    /** Drainers scheduled and not yet gone. */
    private int drainers;
    /** Of those, the ones scheduled that have not taken their first call yet: at most one. */
    private int starting;
    /** Of those, the ones whose call is answered and that are on their way back for the next: they take it. */
    private int returning;
    /** Works scheduled in all, for the tests and the docs' figures. */
    private long scheduled;

    DeliveryQueue(int capacity, int maxDrainers, WorkManager workManager, String alias) {
        if (capacity < 1 || maxDrainers < 1) {
            throw new IllegalArgumentException(
                    "capacity and maxDrainers must be at least 1, not " + capacity + " and " + maxDrainers);
        }
        this.capacity = capacity;
        this.maxDrainers = maxDrainers;
        this.workManager = workManager;
        this.alias = alias;
    }

    /**
     * Queues {@code call} for a drainer, starting one when none is starting and fewer than {@code maxDrainers} run.
     * Returns false, queueing nothing, when {@code capacity} calls are waiting already.
     */
    boolean offer(QueuedCall call) {
        DeliveryDrainer start = null;
        synchronized (this) {
            if (calls.size() >= capacity) {
                return false;
            }
            calls.addLast(call);
            if (needsDrainerLocked()) {
                start = newDrainerLocked();
            }
        }
        if (start != null) {
            schedule(start);
        }
        return true;
    }

    /**
     * The next call for {@code drainer}, or null when it should go: the queue is empty or the container released
     * it. A drainer that takes a call and leaves others waiting starts another drainer first.
     */
    QueuedCall take(DeliveryDrainer drainer) {
        DeliveryDrainer start = null;
        QueuedCall next;
        List<QueuedCall> orphans = List.of();
        synchronized (this) {
            if (drainer.startedNow()) {
                starting--;
            }
            if (drainer.backNow()) {
                returning--;
            }
            next = drainer.isReleased() ? null : calls.pollFirst();
            if (next == null) {
                drainers--;
                orphans = orphansLocked();
            } else if (!calls.isEmpty() && needsDrainerLocked()) {
                start = newDrainerLocked();
            }
        }
        refuse(
                orphans,
                Outcome.REFUSED_STOPPING,
                "the message-driven bean is being undeployed",
                ResultCode.SHUTTING_DOWN);
        if (start != null) {
            schedule(start);
        }
        return next;
    }

    /**
     * {@code drainer}'s call is answered (its RESULT about to be sent): until it takes again, a call that arrives
     * needs no new drainer, since this one takes it. This is what keeps a caller making one call after the other on
     * one drainer, without a wasted drainer woken beside it for each call.
     */
    void returning(DeliveryDrainer drainer) {
        synchronized (this) {
            if (drainer.returningNow()) {
                returning++;
            }
        }
    }

    /** Calls waiting for a drainer now. */
    synchronized int waiting() {
        return calls.size();
    }

    /** Drainers scheduled or running now. */
    synchronized int drainers() {
        return drainers;
    }

    /** Drainer works scheduled since the queue was made. */
    synchronized long scheduled() {
        return scheduled;
    }

    /** A waiting call needs another drainer: none is starting or coming back, and there is room for one. */
    private boolean needsDrainerLocked() {
        return starting == 0 && returning == 0 && drainers < maxDrainers;
    }

    private DeliveryDrainer newDrainerLocked() {
        drainers++;
        starting++;
        scheduled++;
        return new DeliveryDrainer(this);
    }

    /** With no drainer left, nobody would take what is queued: hand it back for refusal. */
    private List<QueuedCall> orphansLocked() {
        if (drainers > 0 || calls.isEmpty()) {
            return List.of();
        }
        List<QueuedCall> orphans = new ArrayList<>(calls);
        calls.clear();
        return orphans;
    }

    private void schedule(DeliveryDrainer drainer) {
        try {
            // No start timeout: each call checks its own deadline when a drainer takes it.
            workManager.scheduleWork(drainer, WorkManager.INDEFINITE, null, new WorkAdapter() {
                @Override
                public void workRejected(WorkEvent event) {
                    rejected(
                            drainer,
                            event.getException() == null
                                    ? ""
                                    : event.getException().getMessage());
                }
            });
        } catch (WorkException | RuntimeException e) {
            rejected(drainer, e.getMessage());
        }
    }

    /** The work manager will not run {@code drainer}: it goes; if it was the last one, the queued calls are refused. */
    private void rejected(DeliveryDrainer drainer, String why) {
        List<QueuedCall> orphans;
        synchronized (this) {
            if (!drainer.goneBeforeRunning()) {
                return; // ran after all, or told twice
            }
            drainers--;
            starting--;
            orphans = orphansLocked();
        }
        LOG.fine(() -> "'" + alias + "': the work manager rejected a delivery work: " + why);
        refuse(
                orphans,
                Outcome.REFUSED_BY_WORK_MANAGER,
                "the container's work manager rejected the call" + (why == null || why.isEmpty() ? "" : ": " + why),
                ResultCode.BUSY);
    }

    private static void refuse(List<QueuedCall> calls, Outcome outcome, String why, ResultCode code) {
        for (QueuedCall call : calls) {
            try {
                call.refuse(outcome, new CallRefusedException(code, why));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not refuse a queued call", e);
            }
        }
    }
}
