package io.switchboard.client.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: attempt n waits a uniformly random time between the initial delay and
 * min(max, initial * 2^n), so clients that lost the same server do not all come back at once.
 */
public final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in [0, 1); injectable so tests can check the bounds */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialMs = initial.toMillis();
        this.maxMs = Math.max(initialMs, max.toMillis());
        this.random = random;
    }

    /** @param attempt failed attempts so far, from 0 */
    public long delayMillis(int attempt) {
        long ceiling = ceilingMillis(attempt);
        return initialMs + (long) (random.getAsDouble() * (ceiling - initialMs));
    }

    long ceilingMillis(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 30);
        long ceiling = initialMs << shift;
        return ceiling <= 0 || ceiling > maxMs ? maxMs : ceiling;
    }
}
