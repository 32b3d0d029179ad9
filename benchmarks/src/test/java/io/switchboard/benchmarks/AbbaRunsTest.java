package io.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class AbbaRunsTest {

    private static RpcResults figures(double callsPerSecond, double p50Micros) {
        return new RpcResults(
                new LatencyResult(p50Micros, p50Micros * 2, 100),
                new ThroughputResult(callsPerSecond, (long) callsPerSecond, 1, 5, 5));
    }

    @Test
    void theSidesRunAbbaAndTheRatioComparesTheirMeans() {
        List<String> order = new ArrayList<>();
        double[] a = {90, 110};
        double[] b = {200, 100};
        int[] runs = new int[2];
        Supplier<RpcResults> sideA = () -> {
            order.add("A");
            return figures(a[runs[0]++], 10);
        };
        Supplier<RpcResults> sideB = () -> {
            order.add("B");
            return figures(b[runs[1]++], 20);
        };
        AbbaRuns.Outcome outcome = AbbaRuns.measure(sideA, sideB);
        assertThat(order).containsExactly("A", "B", "B", "A");
        assertThat(outcome.complete()).isTrue();
        assertThat(outcome.throughputRatio()).isEqualTo(200.0 / 300.0);
        assertThat(outcome.p50Ratio()).isEqualTo(0.5);
        assertThat(AbbaRuns.reportThroughput(outcome, "a/b", 0.95)).isFalse();
        assertThat(AbbaRuns.reportThroughput(outcome, "a/b", 0.6)).isTrue();
        assertThat(AbbaRuns.reportP50(outcome, "a/b", 0.5)).isTrue();
        assertThat(AbbaRuns.reportP50(outcome, "a/b", 0.49)).isFalse();
    }

    @Test
    void aFailedRunLeavesNoRatio() {
        int[] runs = new int[1];
        AbbaRuns.Outcome outcome = AbbaRuns.measure(() -> runs[0]++ == 0 ? null : figures(1, 1), () -> figures(1, 1));
        assertThat(outcome.complete()).isFalse();
        assertThat(AbbaRuns.reportThroughput(outcome, "a/b", 0.1)).isFalse();
    }
}
