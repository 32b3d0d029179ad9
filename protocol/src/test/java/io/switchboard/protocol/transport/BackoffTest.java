package io.switchboard.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Duration initial = Duration.ofMillis(100);
    private final Duration max = Duration.ofSeconds(5);

    @Test
    void lowestJitterIsHalfTheCeiling() {
        Backoff b = new Backoff(initial, max, () -> 0.0);
        assertThat(b.delayMillis(0)).isEqualTo(50);
        assertThat(b.delayMillis(1)).isEqualTo(100);
        assertThat(b.delayMillis(3)).isEqualTo(400);
        assertThat(b.delayMillis(40)).isEqualTo(2_500);
    }

    @Test
    void highestJitterGrowsExponentiallyUpToTheMax() {
        Backoff b = new Backoff(initial, max, () -> 0.999_999);
        assertThat(b.delayMillis(0)).isEqualTo(100);
        assertThat(b.delayMillis(1)).isEqualTo(200);
        assertThat(b.delayMillis(2)).isEqualTo(400);
        assertThat(b.delayMillis(5)).isEqualTo(3_200);
        assertThat(b.delayMillis(6)).isEqualTo(5_000);
        assertThat(b.delayMillis(1_000)).isEqualTo(5_000);
    }

    @Test
    void theFirstAttemptIsJitteredToo() {
        Backoff b = new Backoff(initial, max);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long d = b.delayMillis(0);
            assertThat(d).isBetween(50L, 100L);
            seen.add(d);
        }
        assertThat(seen.size()).isGreaterThan(10);
    }

    @Test
    void ceilingNeverOverflows() {
        Backoff b = new Backoff(Duration.ofMillis(3), Duration.ofDays(3650), () -> 0.5);
        assertThat(b.ceilingMillis(Integer.MAX_VALUE))
                .isEqualTo(Duration.ofDays(3650).toMillis());
        assertThat(b.ceilingMillis(61)).isEqualTo(Duration.ofDays(3650).toMillis());
        assertThat(b.delayMillis(-1)).isBetween(1L, 3L);
    }
}
