package io.switchboard.benchmarks.ejb;

import io.switchboard.benchmarks.Spread;
import io.switchboard.benchmarks.ejb.EjbWorkload.Latency;
import io.switchboard.benchmarks.ejb.EjbWorkload.Throughput;
import java.util.List;
import java.util.Locale;

/**
 * Issue 18's adapter targets, judged on the medians of the rounds' ratios (every round measures both modes, in
 * alternating order, so a round slow for both keeps its ratio): the pipelined run's plain/adapter throughput at most
 * {@value #PIPELINED_AT_MOST}, and with concurrent callers the adapter's throughput at least
 * {@value #CONCURRENT_AT_LEAST} of the shared plain client's. One pooled figure over all rounds can be decided by a
 * single disturbed round; the median of the rounds cannot.
 */
final class AdapterTargets {

    static final double PIPELINED_AT_MOST = 1.10;
    static final double CONCURRENT_AT_LEAST = 0.85;

    private AdapterTargets() {}

    /** The median ratio lines, then the two target lines. */
    static List<String> lines(
            Latency adapter,
            Latency plain,
            Throughput pipelinedAdapter,
            Throughput pipelinedPlain,
            Throughput concurrentAdapter,
            Throughput concurrentPlain) {
        Spread p50 = Spread.ofRatios(adapter.roundP50s(), plain.roundP50s());
        Spread pipelined =
                Spread.ofRatios(pipelinedPlain.roundCallsPerSecond(), pipelinedAdapter.roundCallsPerSecond());
        Spread concurrent =
                Spread.ofRatios(concurrentAdapter.roundCallsPerSecond(), concurrentPlain.roundCallsPerSecond());
        return List.of(
                medianLine("p50 adapter/plain", p50),
                medianLine("throughput plain/adapter", pipelined),
                medianLine("concurrent throughput adapter/plain", concurrent),
                targetLine(
                        "throughput plain/adapter <= " + format(PIPELINED_AT_MOST),
                        pipelined.median() <= PIPELINED_AT_MOST),
                targetLine(
                        "concurrent throughput adapter/plain >= " + format(CONCURRENT_AT_LEAST),
                        concurrent.median() >= CONCURRENT_AT_LEAST));
    }

    private static String medianLine(String ratio, Spread spread) {
        return "median ratio " + ratio + "=" + spread.format(2) + " (" + spread.count() + " rounds)";
    }

    private static String targetLine(String target, boolean met) {
        return "target median " + target + " (issue 18): " + (met ? "met" : "NOT met");
    }

    private static String format(double bound) {
        return String.format(Locale.ROOT, "%.2f", bound);
    }
}
