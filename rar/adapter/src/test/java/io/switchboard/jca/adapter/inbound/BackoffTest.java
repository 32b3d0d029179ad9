package io.switchboard.jca.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

class BackoffTest {

    @RepeatedTest(20)
    void delaysDoubleWithinHalfToFullOfTheirBaseAndStopAtTheMax() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000));
        long[] bases = {100, 200, 400, 800, 1_000, 1_000};
        for (long base : bases) {
            assertThat(backoff.next().toMillis()).isBetween(base / 2, base);
        }
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
    }

    @RepeatedTest(5)
    void manyFailuresNeverOverflowPastTheMax() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.next().toMillis()).isBetween(250L, 30_000L);
        }
    }
}
