package io.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbbaRunsTest {

    /** A side whose slices give the throughputs (calls in one second each) and p50s it is handed, in order. */
    private static final class Scripted implements AbbaRuns.Side {
        private final String name;
        private final List<String> order;
        private final long[] callsPerSlice;
        private final long latencyNanos;
        private int slices;

        Scripted(String name, List<String> order, long latencyNanos, long... callsPerSlice) {
            this.name = name;
            this.order = order;
            this.latencyNanos = latencyNanos;
            this.callsPerSlice = callsPerSlice;
        }

        @Override
        public void warmUp() {
            order.add(name + " warm-up");
        }

        @Override
        public AbbaRuns.Slice slice() {
            order.add(name);
            long calls = callsPerSlice[slices++];
            return new AbbaRuns.Slice(
                    new long[] {latencyNanos, latencyNanos, latencyNanos * 10},
                    new ThroughputResult(calls, calls, 1.0, 2.0, 3.0));
        }
    }

    @Test
    void bothSidesWarmUpThenAlternateAbbaInEveryRound() throws Exception {
        List<String> order = new ArrayList<>();
        AbbaRuns.Outcome outcome = AbbaRuns.measure(
                new Scripted("A", order, 10_000, 90, 110, 50, 50),
                new Scripted("B", order, 20_000, 200, 100, 100, 100),
                2);
        assertThat(order).containsExactly("A warm-up", "B warm-up", "A", "B", "B", "A", "A", "B", "B", "A");
        // A: 300 calls in 4 s; B: 500 calls in 4 s.
        assertThat(outcome.throughputRatio()).isEqualTo(300.0 / 500.0);
        assertThat(outcome.roundThroughputRatios()).containsExactly(200.0 / 300.0, 100.0 / 200.0);
        // Pooled p50: 10 us against 20 us.
        assertThat(outcome.p50Ratio()).isEqualTo(0.5);
        assertThat(outcome.resultsA().latency().calls()).isEqualTo(12);
        assertThat(outcome.resultsA().throughput().serverCpuMicrosPerCall()).isEqualTo(2.0);
    }

    @Test
    void theTargetsAreJudgedOnTheRatios() throws Exception {
        AbbaRuns.Outcome outcome = AbbaRuns.measure(
                new Scripted("A", new ArrayList<>(), 10_000, 95, 95),
                new Scripted("B", new ArrayList<>(), 10_000, 100, 100),
                1);
        assertThat(AbbaRuns.reportThroughput(outcome, "a/b", 0.95)).isTrue();
        assertThat(AbbaRuns.reportThroughput(outcome, "a/b", 0.96)).isFalse();
        assertThat(AbbaRuns.reportP50(outcome, "a/b", 1.0)).isTrue();
        assertThat(AbbaRuns.reportP50(outcome, "a/b", 0.99)).isFalse();
    }

    @Test
    void aSideThatFailsEndsTheComparison() {
        AbbaRuns.Side broken = new AbbaRuns.Side() {
            @Override
            public void warmUp() {}

            @Override
            public AbbaRuns.Slice slice() {
                throw new IllegalStateException("server gone");
            }
        };
        assertThatThrownBy(() -> AbbaRuns.measure(new Scripted("A", new ArrayList<>(), 1, 1, 1), broken, 1))
                .hasMessage("server gone");
        assertThatThrownBy(() -> AbbaRuns.measure(broken, broken, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
