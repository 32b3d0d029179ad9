package io.switchboard.protocol.transport;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: attempt n waits between half and all of min(max, initial * 2^n), the half chosen at random
 * ("equal jitter"), so clients and resource adapters that lost the same server do not all come back at once, not
 * even on their first attempt.
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
        this.initialMs = Math.max(1, initial.toMillis());
        this.maxMs = Math.max(initialMs, max.toMillis());
        this.random = random;
    }

    /** @param attempt failed attempts so far, from 0 */
    public long delayMillis(int attempt) {
        long ceiling = ceilingMillis(attempt);
        long half = ceiling / 2;
        return ceiling - half + (long) (random.getAsDouble() * (half + 1));
    }

    /** min(max, initial * 2^attempt), without overflow. */
    long ceilingMillis(int attempt) {
        int shift = Math.min(Math.max(attempt, 0), 62);
        long ceiling = initialMs << shift;
        return ceiling <= 0 || ceiling > maxMs || ceiling >>> shift != initialMs ? maxMs : ceiling;
    }
}
