package io.switchboard.benchmarks;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Two setups of the same workload measured in the order A, B, B, A in one benchmark JVM, for a ratio B cannot win
 * by going later: whatever drifts over the run (the benchmark JVM still compiling, the machine warming up) weighs
 * on both sides equally. The ratio compares the sides' mean throughputs.
 */
final class AbbaRuns {

    /** The four runs; a side's run is null when it failed. */
    record Outcome(RpcResults a1, RpcResults b1, RpcResults b2, RpcResults a2) {

        boolean complete() {
            return a1 != null && b1 != null && b2 != null && a2 != null;
        }

        /** Mean throughput of A over mean throughput of B. */
        double throughputRatio() {
            return (a1.throughput().callsPerSecond() + a2.throughput().callsPerSecond())
                    / (b1.throughput().callsPerSecond() + b2.throughput().callsPerSecond());
        }

        /** Mean p50 of A over mean p50 of B. */
        double p50Ratio() {
            return (a1.latency().p50Micros() + a2.latency().p50Micros())
                    / (b1.latency().p50Micros() + b2.latency().p50Micros());
        }
    }

    private AbbaRuns() {}

    static Outcome measure(Supplier<RpcResults> a, Supplier<RpcResults> b) {
        RpcResults a1 = a.get();
        RpcResults b1 = b.get();
        RpcResults b2 = b.get();
        RpcResults a2 = a.get();
        return new Outcome(a1, b1, b2, a2);
    }

    /** Prints {@code ratio throughput <label>=…} and whether it reaches {@code target}; false when it does not. */
    static boolean reportThroughput(Outcome outcome, String label, double target) {
        if (!outcome.complete()) {
            System.out.println("ratio throughput " + label + ": not computed (a run failed)");
            return false;
        }
        double ratio = outcome.throughputRatio();
        System.out.printf(
                Locale.ROOT,
                "ratio throughput %s=%.3f (mean of the A runs %.0f, %.0f over the B runs %.0f, %.0f calls/s)%n",
                label,
                ratio,
                outcome.a1().throughput().callsPerSecond(),
                outcome.a2().throughput().callsPerSecond(),
                outcome.b1().throughput().callsPerSecond(),
                outcome.b2().throughput().callsPerSecond());
        boolean met = ratio >= target;
        System.out.printf(Locale.ROOT, "target throughput %s >= %.2fx: %s%n", label, target, met ? "met" : "NOT met");
        return met;
    }

    /** Prints {@code ratio p50 <label>=…} and whether it stays at or below {@code target}; false when it does not. */
    static boolean reportP50(Outcome outcome, String label, double target) {
        if (!outcome.complete()) {
            System.out.println("ratio p50 " + label + ": not computed (a run failed)");
            return false;
        }
        double ratio = outcome.p50Ratio();
        System.out.printf(
                Locale.ROOT,
                "ratio p50 %s=%.3f (mean of the A runs %.1f, %.1f over the B runs %.1f, %.1f us)%n",
                label,
                ratio,
                outcome.a1().latency().p50Micros(),
                outcome.a2().latency().p50Micros(),
                outcome.b1().latency().p50Micros(),
                outcome.b2().latency().p50Micros());
        boolean met = ratio <= target;
        System.out.printf(Locale.ROOT, "target p50 %s <= %.2fx: %s%n", label, target, met ? "met" : "NOT met");
        return met;
    }
}
