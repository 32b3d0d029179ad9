package io.switchboard.server.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a recurring problem be logged at most once per interval, counting the occurrences in between, so a flood
 * (an attack, a full file table) cannot flood the log too. Safe from any thread.
 */
public final class LogInterval {

    private final long intervalNanos;
    private final AtomicLong nextNanos = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    public LogInterval(long interval, TimeUnit unit) {
        this.intervalNanos = unit.toNanos(interval);
    }

    /**
     * Whether to log this occurrence: -1 if not (it is counted), else how many occurrences were not logged since
     * the last one that was.
     */
    public long admit() {
        long now = System.nanoTime();
        long next = nextNanos.get();
        if (now - next >= 0 && nextNanos.compareAndSet(next, now + intervalNanos)) {
            return suppressed.getAndSet(0);
        }
        suppressed.incrementAndGet();
        return -1;
    }
}
