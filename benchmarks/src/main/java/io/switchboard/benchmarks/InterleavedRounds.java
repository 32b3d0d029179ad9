package io.switchboard.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Several systems of the same workload, all running at once, measured in interleaved rounds: each round runs one
 * slice of each side forward and one backward (S N F F N S), so drift within a round weighs on every side alike, and
 * {@code repeat} rounds give a median and a spread per figure. Each round's figures are printed as it ends, with the
 * machine's load and the CPU that work other than the benchmark's took ({@link OtherWork}); a round where that was
 * more than {@link OtherWork#DISTURBED_ABOVE_CORES} cores is flagged.
 */
final class InterleavedRounds {

    /** One side as the rounds drive it. */
    interface Side extends AbbaRuns.Side {
        /** The name its lines start with. */
        String label();
    }

    /**
     * One side's figures in one round (its two slices combined), with the heavier load read after them and the other
     * work averaged over them.
     */
    record Round(RpcResults results, MachineLoad load, OtherWork other) {}

    /** A side's slices, two per round in the order they ran, and its rounds. */
    record Measured(String label, List<AbbaRuns.Slice> slices, List<Round> rounds) {

        /** All slices as one result, as the side-by-side comparisons pool them. */
        RpcResults pooled() {
            return AbbaRuns.combined(slices);
        }

        List<Double> each(Figure figure) {
            return rounds.stream().map(r -> figure.of(r.results())).toList();
        }

        long disturbedRounds() {
            return rounds.stream().filter(r -> r.other().disturbed()).count();
        }
    }

    /** The figures medians are taken of. */
    enum Figure {
        P50("p50", r -> r.latency().p50Micros()),
        P99("p99", r -> r.latency().p99Micros()),
        THROUGHPUT("throughput", r -> r.throughput().callsPerSecond()),
        SERVER_CPU("cpu_us_per_call server", r -> r.throughput().serverCpuMicrosPerCall());

        final String name;
        private final ToDoubleFunction<RpcResults> value;

        Figure(String name, ToDoubleFunction<RpcResults> value) {
            this.name = name;
            this.value = value;
        }

        double of(RpcResults results) {
            return value.applyAsDouble(results);
        }
    }

    private InterleavedRounds() {}

    /**
     * Warms every side up, then runs {@code rounds} rounds, printing each round's figures to {@code out}; {@code load}
     * is read after each slice, {@code otherWork} measured over each slice.
     */
    static List<Measured> measure(
            List<? extends Side> sides,
            int rounds,
            Supplier<MachineLoad> load,
            OtherWorkMeter otherWork,
            PrintStream out)
            throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
        }
        if (sides.isEmpty()) {
            throw new IllegalArgumentException("no sides to measure");
        }
        for (Side side : sides) {
            side.warmUp();
        }
        List<List<AbbaRuns.Slice>> slices = new ArrayList<>();
        List<List<Round>> figures = new ArrayList<>();
        for (int i = 0; i < sides.size(); i++) {
            slices.add(new ArrayList<>());
            figures.add(new ArrayList<>());
        }
        int n = sides.size();
        for (int round = 1; round <= rounds; round++) {
            MachineLoad[] heaviest = new MachineLoad[n];
            AbbaRuns.Slice[][] roundSlices = new AbbaRuns.Slice[n][2];
            OtherWork[][] otherDuring = new OtherWork[n][2];
            for (int step = 0; step < 2 * n; step++) {
                // Forward, then backward: S N F F N S.
                int index = step < n ? step : 2 * n - 1 - step;
                int half = step < n ? 0 : 1;
                OtherWorkMeter.Span span = otherWork.start();
                AbbaRuns.Slice slice = sides.get(index).slice();
                otherDuring[index][half] = span.end();
                MachineLoad now = load.get();
                heaviest[index] = heaviest[index] == null ? now : MachineLoad.heavier(heaviest[index], now);
                roundSlices[index][half] = slice;
            }
            for (int i = 0; i < n; i++) {
                List<AbbaRuns.Slice> pair = List.of(roundSlices[i][0], roundSlices[i][1]);
                slices.get(i).addAll(pair);
                Round figuresOfRound =
                        new Round(AbbaRuns.combined(pair), heaviest[i], OtherWork.mean(List.of(otherDuring[i])));
                figures.get(i).add(figuresOfRound);
                out.println(roundLine(round, rounds, sides.get(i).label(), figuresOfRound));
            }
        }
        List<Measured> measured = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            measured.add(new Measured(sides.get(i).label(), List.copyOf(slices.get(i)), List.copyOf(figures.get(i))));
        }
        return measured;
    }

    static String roundLine(int round, int rounds, String label, Round figures) {
        RpcResults r = figures.results();
        return String.format(
                Locale.ROOT,
                "round %d/%d %s latency_us p50=%.1f p99=%.1f throughput calls_per_s=%.0f cpu_us_per_call server=%.1f"
                        + " clients=%.1f %s %s",
                round,
                rounds,
                label,
                r.latency().p50Micros(),
                r.latency().p99Micros(),
                r.throughput().callsPerSecond(),
                r.throughput().serverCpuMicrosPerCall(),
                r.throughput().clientCpuMicrosPerCall(),
                figures.load().describe(),
                figures.other().describe());
    }

    /** {@code median <label> latency_us p50=m (min-max) p99=… throughput calls_per_s=… cpu_us_per_call server=…}. */
    static String medianLine(Measured side) {
        return String.format(
                Locale.ROOT,
                "median %s latency_us p50=%s p99=%s throughput calls_per_s=%s cpu_us_per_call server=%s"
                        + " (median (min-max) of %d rounds, %d disturbed)",
                side.label(),
                Spread.of(side.each(Figure.P50)).format(1),
                Spread.of(side.each(Figure.P99)).format(1),
                Spread.of(side.each(Figure.THROUGHPUT)).format(0),
                Spread.of(side.each(Figure.SERVER_CPU)).format(2),
                side.rounds().size(),
                side.disturbedRounds());
    }

    /** Round by round, {@code a}'s figure over {@code b}'s: their median and spread. */
    static Spread ratio(Measured a, Measured b, Figure figure) {
        return Spread.ofRatios(a.each(figure), b.each(figure));
    }

    /** {@code median ratio <figure> <name>=m (min-max)}. */
    static String ratioLine(Figure figure, String name, Spread ratio) {
        return "median ratio " + figure.name + " " + name + "=" + ratio.format(2);
    }
}
