package io.switchboard.benchmarks.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OverheadTest {

    @Test
    void ratiosPointTheSameWayTheAdapterBeingSlowerIsAboveOne() {
        Overhead overhead = Overhead.of(110, 100, 8_000, 10_000);
        assertThat(overhead.p50Ratio()).isEqualTo(1.1);
        assertThat(overhead.throughputRatio()).isEqualTo(1.25);
    }

    @Test
    void metOnlyWhenBothLatencyAndThroughputAreWithinFifteenPercent() {
        assertThat(Overhead.of(115, 100, 10_000, 11_500).met()).isTrue();
        assertThat(Overhead.of(90, 100, 12_000, 10_000).met())
                .as("adapter faster")
                .isTrue();
        assertThat(Overhead.of(116, 100, 10_000, 10_000).met()).as("latency").isFalse();
        assertThat(Overhead.of(100, 100, 10_000, 11_600).met()).as("throughput").isFalse();
    }

    @Test
    void rejectsMissingMeasurements() {
        assertThatThrownBy(() -> Overhead.of(0, 100, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
