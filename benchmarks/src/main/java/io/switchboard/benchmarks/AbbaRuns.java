package io.switchboard.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two setups of the same workload, both running at once (two servers, each with its clients in this JVM), measured
 * in short alternating slices: A B B A, then again, {@code rounds} times. Whatever drifts over the run (another guest
 * on the host, the benchmark JVM still compiling) weighs on both sides alike; separate runs minutes apart could not
 * promise that on this machine, where the throughput of one build moved by 1.9x from one run to the next.
 *
 * <p>Each side is warmed up in full before the first slice. The throughput ratio compares the calls of all of a
 * side's slices over their seconds; the p50 ratio compares the p50 of each side's sequential calls, pooled over its
 * slices. Each round's own throughput ratio is printed too, so the spread shows.
 */
final class AbbaRuns {

    /** One side as the comparison drives it. */
    interface Side {

        /** Runs the full warm-ups (sequential calls and throughput) before the first slice. */
        void warmUp() throws Exception;

        /** One measured slice: some sequential calls, then a short throughput run. */
        Slice slice() throws Exception;
    }

    /** One slice's figures: the sequential calls' round trips, and the throughput run. */
    record Slice(long[] latencyNanos, ThroughputResult throughput) {}

    /** Every slice of each side, in the order they ran. */
    record Outcome(List<Slice> a, List<Slice> b) {

        /** Side A's throughput (all its slices' calls over their seconds) over side B's. */
        double throughputRatio() {
            return combined(a).throughput().callsPerSecond()
                    / combined(b).throughput().callsPerSecond();
        }

        /** Side A's pooled p50 over side B's. */
        double p50Ratio() {
            return combined(a).latency().p50Micros() / combined(b).latency().p50Micros();
        }

        /** The throughput ratio of each A B B A round on its own. */
        List<Double> roundThroughputRatios() {
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round * 2 < a.size(); round++) {
                List<Slice> roundA = a.subList(round * 2, round * 2 + 2);
                List<Slice> roundB = b.subList(round * 2, round * 2 + 2);
                ratios.add(combined(roundA).throughput().callsPerSecond()
                        / combined(roundB).throughput().callsPerSecond());
            }
            return ratios;
        }

        RpcResults resultsA() {
            return combined(a);
        }

        RpcResults resultsB() {
            return combined(b);
        }
    }

    private AbbaRuns() {}

    /** Warms both sides up, then runs {@code rounds} rounds of the slices A, B, B, A. */
    static Outcome measure(Side a, Side b, int rounds) throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
        }
        a.warmUp();
        b.warmUp();
        List<Slice> sliceA = new ArrayList<>();
        List<Slice> sliceB = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            sliceA.add(a.slice());
            sliceB.add(b.slice());
            sliceB.add(b.slice());
            sliceA.add(a.slice());
        }
        return new Outcome(List.copyOf(sliceA), List.copyOf(sliceB));
    }

    /** A side's slices as one result: pooled latency, and calls, seconds and CPU summed. */
    static RpcResults combined(List<Slice> slices) {
        long[] nanos = slices.stream()
                .flatMapToLong(s -> Arrays.stream(s.latencyNanos()))
                .toArray();
        Stats stats = Stats.of(nanos);
        long calls = 0;
        double seconds = 0;
        double serverCpuMicros = 0;
        double clientCpuMicros = 0;
        for (Slice slice : slices) {
            ThroughputResult t = slice.throughput();
            calls += t.calls();
            seconds += t.seconds();
            serverCpuMicros += t.serverCpuMicrosPerCall() * t.calls();
            clientCpuMicros += t.clientCpuMicrosPerCall() * t.calls();
        }
        return new RpcResults(
                new LatencyResult(stats.percentileMicros(50), stats.percentileMicros(99), stats.count()),
                new ThroughputResult(
                        calls / seconds, calls, seconds, serverCpuMicros / calls, clientCpuMicros / calls));
    }

    /** Prints each side's figures, then {@code ratio throughput <label>=…} and whether it reaches {@code target}. */
    static boolean reportThroughput(Outcome outcome, String label, double target) {
        RpcResults a = outcome.resultsA();
        RpcResults b = outcome.resultsB();
        double ratio = outcome.throughputRatio();
        System.out.printf(
                Locale.ROOT,
                "ratio throughput %s=%.3f (%.0f over %.0f calls/s in %d slices each; rounds %s; server CPU/call %.1f"
                        + " over %.1f us)%n",
                label,
                ratio,
                a.throughput().callsPerSecond(),
                b.throughput().callsPerSecond(),
                outcome.a().size(),
                rounded(outcome.roundThroughputRatios()),
                a.throughput().serverCpuMicrosPerCall(),
                b.throughput().serverCpuMicrosPerCall());
        boolean met = ratio >= target;
        System.out.printf(Locale.ROOT, "target throughput %s >= %.2fx: %s%n", label, target, met ? "met" : "NOT met");
        return met;
    }

    /** Prints {@code ratio p50 <label>=…} and whether it stays at or below {@code target}. */
    static boolean reportP50(Outcome outcome, String label, double target) {
        RpcResults a = outcome.resultsA();
        RpcResults b = outcome.resultsB();
        double ratio = outcome.p50Ratio();
        System.out.printf(
                Locale.ROOT,
                "ratio p50 %s=%.3f (%.1f over %.1f us, %d sequential calls each)%n",
                label,
                ratio,
                a.latency().p50Micros(),
                b.latency().p50Micros(),
                a.latency().calls());
        boolean met = ratio <= target;
        System.out.printf(Locale.ROOT, "target p50 %s <= %.2fx: %s%n", label, target, met ? "met" : "NOT met");
        return met;
    }

    /** Ratios to three places, separated by spaces. */
    static String rounded(List<Double> ratios) {
        StringBuilder text = new StringBuilder();
        for (double r : ratios) {
            text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.3f", r));
        }
        return text.toString();
    }
}
