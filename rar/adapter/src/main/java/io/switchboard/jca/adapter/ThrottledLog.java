package io.switchboard.jca.adapter;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A warning that repeats at most once per interval: a refused login retried by the pool or an activation would
 * otherwise write one line per attempt. Between two warnings the attempts are counted and logged at FINE; the next
 * warning says how many there were.
 */
public final class ThrottledLog {

    private final Logger log;
    private final long intervalNanos;
    /** When the last warning was written; Long.MIN_VALUE: never. */
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);

    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /** Logs {@code message} as a WARNING if none was written within the interval, else at FINE. */
    public void warn(Supplier<String> message) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((last == Long.MIN_VALUE || now - last >= intervalNanos) && lastWarning.compareAndSet(last, now)) {
            long quiet = suppressed.getAndSet(0);
            log.warning(() -> message.get()
                    + (quiet == 0 ? "" : " (" + quiet + " more like it since the last warning, logged at FINE)"));
        } else {
            suppressed.incrementAndGet();
            log.log(Level.FINE, message);
        }
    }

    /** The next {@link #warn} writes a warning again (the condition cleared). */
    public void reset() {
        lastWarning.set(Long.MIN_VALUE);
        suppressed.set(0);
    }
}
