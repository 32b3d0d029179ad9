package io.switchboard.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Duration initial = Duration.ofMillis(100);
    private final Duration max = Duration.ofSeconds(5);

    @Test
    void lowestJitterIsAlwaysTheInitialDelay() {
        Backoff b = new Backoff(initial, max, () -> 0.0);
        for (int attempt = 0; attempt < 40; attempt++) {
            assertThat(b.delayMillis(attempt)).isEqualTo(100);
        }
    }

    @Test
    void highestJitterGrowsExponentiallyUpToTheMax() {
        Backoff b = new Backoff(initial, max, () -> 0.999_999);
        assertThat(b.delayMillis(0)).isEqualTo(100);
        assertThat(b.delayMillis(1)).isBetween(199L, 200L);
        assertThat(b.delayMillis(2)).isBetween(399L, 400L);
        assertThat(b.delayMillis(5)).isBetween(3199L, 3200L);
        assertThat(b.delayMillis(6)).isBetween(4999L, 5000L);
        assertThat(b.delayMillis(1000)).isBetween(4999L, 5000L);
    }

    @Test
    void randomJitterStaysWithinBoundsAndVaries() {
        Backoff b = new Backoff(initial, max);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            long d = b.delayMillis(10);
            assertThat(d).isBetween(100L, 5000L);
            seen.add(d);
        }
        assertThat(seen.size()).isGreaterThan(10);
    }

    @Test
    void ceilingNeverOverflows() {
        Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofDays(3650), () -> 0.5);
        assertThat(b.ceilingMillis(Integer.MAX_VALUE)).isPositive();
        assertThat(b.delayMillis(-1)).isEqualTo(1);
    }
}
