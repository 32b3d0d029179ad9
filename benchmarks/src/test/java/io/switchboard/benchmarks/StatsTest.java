package io.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        long[] samples = new long[100];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 100 - i; // unsorted on purpose
        }
        Stats stats = Stats.of(samples);
        assertThat(stats.percentileNanos(50)).isEqualTo(50);
        assertThat(stats.percentileNanos(99)).isEqualTo(99);
        assertThat(stats.percentileNanos(100)).isEqualTo(100);
        assertThat(stats.percentileNanos(0.5)).isEqualTo(1);
    }

    @Test
    void singleSampleIsEveryPercentile() {
        Stats stats = Stats.of(new long[] {7_000});
        assertThat(stats.percentileNanos(50)).isEqualTo(7_000);
        assertThat(stats.percentileMicros(99)).isEqualTo(7.0);
    }

    @Test
    void rejectsNoSamplesAndBadPercentiles() {
        assertThatThrownBy(() -> Stats.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
        Stats stats = Stats.of(new long[] {1, 2});
        assertThatThrownBy(() -> stats.percentileNanos(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.percentileNanos(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
