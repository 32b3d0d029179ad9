package io.switchboard.jca.adapter.inbound;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: the first {@code initial}, doubling per failed attempt up to {@code max}, each with "equal
 * jitter" (half fixed, half random) so activations on many nodes do not reconnect in step after a server restart.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private int failures;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** The delay before the next attempt; each call counts one more failure. */
    Duration next() {
        long base = failures >= 62 || initialMillis << failures > maxMillis || initialMillis << failures <= 0
                ? maxMillis
                : initialMillis << failures;
        failures++;
        long half = base / 2;
        return Duration.ofMillis(base - half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** After a success: the next delay is {@code initial} again. */
    void reset() {
        failures = 0;
    }
}
