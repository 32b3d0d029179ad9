package io.switchboard.server.frontdoor;

import java.util.concurrent.TimeUnit;

/**
 * Fairness between lines at an instance's in-flight cap ({@code max_inflight}). A line whose event finds the
 * instance full waits its turn in the instance's queue (once, however much input it has queued), and each slot
 * that frees goes to the line that has waited longest, for one event. So a flooding line cannot take every slot
 * the moment it frees: a quiet line's event goes next, after at most one event of each line ahead of it. A slot
 * freed by a call that is not this front door's (another caller of the alias, another front door sharing it) is
 * found by a retry after {@link Dispatcher#RETRY_PAUSE_MS}. Owner event loop only.
 */
final class Turns {

    private final Dispatcher dispatcher;

    Turns(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** The line's next event found {@code instance} at its cap: the line waits its turn. */
    void waitTurn(Line line, Instance instance) {
        if (line.waitingFor == instance) {
            return;
        }
        line.waitingFor = instance;
        if (instance.handingOut) {
            // It was given the turn but the slot was gone: it keeps its place, and nobody else gets one now.
            instance.waiting.addFirst(line);
            instance.full = true;
        } else {
            instance.waiting.addLast(line);
        }
        if (!instance.retryScheduled) {
            scheduleRetry(instance);
        }
    }

    /** A slot of {@code instance} may be free: hands slots out in turn until it is full again. */
    void slotFreed(Instance instance) {
        instance.handingOut = true;
        instance.full = false;
        try {
            while (!instance.full) {
                Line line = instance.waiting.pollFirst();
                if (line == null) {
                    return;
                }
                if (line.waitingFor != instance) {
                    continue; // moved to another instance meanwhile
                }
                line.waitingFor = null;
                dispatcher.pump(line);
            }
        } finally {
            instance.handingOut = false;
        }
    }

    private void scheduleRetry(Instance instance) {
        if (dispatcher.door.shuttingDown.getAsBoolean()) {
            return;
        }
        instance.retryScheduled = true;
        dispatcher.door.timer.newTimeout(
                t -> dispatcher.execute(() -> {
                    instance.retryScheduled = false;
                    if (instance.removed) {
                        instance.waiting.clear(); // its lines moved on and wait no more for it
                        return;
                    }
                    slotFreed(instance);
                    // A line that found it full again in slotFreed already scheduled the next retry: one at a time,
                    // else every retry would start two and they would double each pause until the loop does nothing
                    // else (found at 20,000 lines connecting at once: the handler and every client went unheard).
                    if (!instance.waiting.isEmpty() && !instance.retryScheduled) {
                        scheduleRetry(instance);
                    }
                }),
                Dispatcher.RETRY_PAUSE_MS,
                TimeUnit.MILLISECONDS);
    }
}
