package io.switchboard.benchmarks.ejb;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.benchmarks.ejb.EjbWorkload.Latency;
import io.switchboard.benchmarks.ejb.EjbWorkload.Throughput;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdapterTargetsTest {

    private static Latency latency(Double... roundP50s) {
        return new Latency(0, 0, 0, List.of(roundP50s));
    }

    private static Throughput throughput(Double... roundCallsPerSecond) {
        return new Throughput(0, 0, 0, 0, 0, List.of(roundCallsPerSecond));
    }

    @Test
    void ratiosAreTakenRoundByRoundAndTheirMediansJudged() {
        List<String> lines = AdapterTargets.lines(
                latency(100.0, 150.0, 120.0),
                latency(100.0, 100.0, 100.0),
                // plain/adapter per round: 1.05, 1.50 (one disturbed round), 1.08
                throughput(100_000.0, 100_000.0, 100_000.0),
                throughput(105_000.0, 150_000.0, 108_000.0),
                // adapter/plain per round: 0.90, 0.80, 0.95
                throughput(45_000.0, 40_000.0, 47_500.0),
                throughput(50_000.0, 50_000.0, 50_000.0));

        assertThat(lines)
                .containsExactly(
                        "median ratio p50 adapter/plain=1.20 (1.00-1.50) (3 rounds)",
                        "median ratio throughput plain/adapter=1.08 (1.05-1.50) (3 rounds)",
                        "median ratio concurrent throughput adapter/plain=0.90 (0.80-0.95) (3 rounds)",
                        "target median throughput plain/adapter <= 1.10 (issue 18): met",
                        "target median concurrent throughput adapter/plain >= 0.85 (issue 18): met");
    }

    @Test
    void aMedianBeyondEitherBoundIsNotMet() {
        List<String> lines = AdapterTargets.lines(
                latency(100.0, 100.0, 100.0),
                latency(100.0, 100.0, 100.0),
                throughput(100_000.0, 100_000.0, 100_000.0),
                throughput(112_000.0, 111_000.0, 105_000.0),
                throughput(40_000.0, 42_000.0, 45_000.0),
                throughput(50_000.0, 50_000.0, 50_000.0));

        assertThat(lines)
                .contains(
                        "target median throughput plain/adapter <= 1.10 (issue 18): NOT met",
                        "target median concurrent throughput adapter/plain >= 0.85 (issue 18): NOT met");
    }
}
