package io.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedRoundsTest {

    /** A side whose slices have a fixed latency and throughput per round, and which logs when it ran. */
    private static final class ScriptedSide implements InterleavedRounds.Side {
        final String label;
        final List<String> log;
        final Deque<long[]> latencies;
        final Deque<Double> throughputs;

        ScriptedSide(String label, List<String> log, List<long[]> latencies, List<Double> throughputs) {
            this.label = label;
            this.log = log;
            this.latencies = new ArrayDeque<>(latencies);
            this.throughputs = new ArrayDeque<>(throughputs);
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public void warmUp() {
            log.add(label + " warm-up");
        }

        @Override
        public AbbaRuns.Slice slice() {
            log.add(label);
            double callsPerSecond = throughputs.pop();
            // One second per slice, server CPU 1 us per call.
            ThroughputResult throughput = new ThroughputResult(callsPerSecond, (long) callsPerSecond, 1.0, 1.0, 2.0);
            return new AbbaRuns.Slice(latencies.pop(), throughput);
        }
    }

    private static long[] micros(long... values) {
        long[] nanos = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            nanos[i] = values[i] * 1_000;
        }
        return nanos;
    }

    @Test
    void eachRoundRunsEverySideForwardThenBackward() throws Exception {
        List<String> log = new ArrayList<>();
        List<long[]> latency = List.of(micros(1), micros(1), micros(1), micros(1));
        List<Double> throughput = List.of(1.0, 1.0, 1.0, 1.0);
        List<ScriptedSide> sides = List.of(
                new ScriptedSide("s", log, latency, throughput),
                new ScriptedSide("n", log, latency, throughput),
                new ScriptedSide("f", log, latency, throughput));

        InterleavedRounds.measure(
                sides,
                2,
                () -> new MachineLoad(0.1, 2),
                OtherWorkMeter.NONE,
                new PrintStream(new ByteArrayOutputStream()));

        assertThat(log)
                .containsExactly(
                        "s warm-up",
                        "n warm-up",
                        "f warm-up",
                        "s",
                        "n",
                        "f",
                        "f",
                        "n",
                        "s",
                        "s",
                        "n",
                        "f",
                        "f",
                        "n",
                        "s");
    }

    @Test
    void aRoundCombinesItsSideSTwoSlicesAndTheMediansAndRatiosGoRoundByRound() throws Exception {
        List<String> log = new ArrayList<>();
        // Three rounds of two slices each; round 2 is slow for both sides.
        ScriptedSide switchboard = new ScriptedSide(
                "switchboard x",
                log,
                List.of(micros(100), micros(100), micros(300), micros(300), micros(110), micros(110)),
                List.of(1000.0, 1000.0, 500.0, 500.0, 1200.0, 1200.0));
        ScriptedSide nats = new ScriptedSide(
                "nats",
                log,
                List.of(micros(200), micros(200), micros(600), micros(600), micros(200), micros(200)),
                List.of(400.0, 400.0, 250.0, 250.0, 400.0, 400.0));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<InterleavedRounds.Measured> measured = InterleavedRounds.measure(
                List.of(switchboard, nats),
                3,
                () -> new MachineLoad(2.4, 2),
                () -> () -> new OtherWork(0.04),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        InterleavedRounds.Measured sb = measured.get(0);
        assertThat(sb.each(InterleavedRounds.Figure.P50)).containsExactly(100.0, 300.0, 110.0);
        assertThat(sb.each(InterleavedRounds.Figure.THROUGHPUT)).containsExactly(1000.0, 500.0, 1200.0);
        assertThat(sb.slices()).hasSize(6);
        Spread p50 = InterleavedRounds.ratio(sb, measured.get(1), InterleavedRounds.Figure.P50);
        assertThat(p50.median()).isEqualTo(0.5);
        assertThat(p50.max()).isEqualTo(0.55);
        Spread throughput = InterleavedRounds.ratio(sb, measured.get(1), InterleavedRounds.Figure.THROUGHPUT);
        assertThat(throughput.median()).isEqualTo(2.5);
        assertThat(throughput.min()).isEqualTo(2.0);
        assertThat(throughput.max()).isEqualTo(3.0);

        String lines = printed.toString(StandardCharsets.UTF_8);
        assertThat(lines)
                .contains("round 2/3 switchboard x latency_us p50=300.0 p99=300.0 throughput calls_per_s=500"
                        + " cpu_us_per_call server=1.0 clients=2.0 load=2.40 cores=2 other_cpu=0.04\n")
                .doesNotContain("LOADED")
                .doesNotContain("DISTURBED");
        assertThat(InterleavedRounds.medianLine(sb))
                .isEqualTo("median switchboard x latency_us p50=110.0 (100.0-300.0) p99=110.0 (100.0-300.0)"
                        + " throughput calls_per_s=1000 (500-1200) cpu_us_per_call server=1.00 (1.00-1.00)"
                        + " (median (min-max) of 3 rounds, 0 disturbed)");
        assertThat(InterleavedRounds.ratioLine(InterleavedRounds.Figure.THROUGHPUT, "switchboard/nats", throughput))
                .isEqualTo("median ratio throughput switchboard/nats=2.50 (2.00-3.00)");
    }

    @Test
    void aRoundWhereOtherWorkTookMoreThanAQuarterCoreIsFlaggedAndCounted() throws Exception {
        List<String> log = new ArrayList<>();
        ScriptedSide side = new ScriptedSide(
                "floor", log, List.of(micros(50), micros(50), micros(50), micros(50)), List.of(1.0, 1.0, 1.0, 1.0));
        // Other work per slice: round 1 averages 0.20 (quiet), round 2 averages 0.31 (disturbed).
        Deque<OtherWork> during = new ArrayDeque<>(
                List.of(new OtherWork(0.10), new OtherWork(0.30), new OtherWork(0.02), new OtherWork(0.60)));
        Deque<MachineLoad> readings = new ArrayDeque<>(List.of(
                new MachineLoad(0.5, 2), new MachineLoad(1.0, 2), new MachineLoad(1.0, 2), new MachineLoad(2.5, 2)));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<InterleavedRounds.Measured> measured = InterleavedRounds.measure(
                List.of(side),
                2,
                readings::pop,
                () -> during::pop,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String lines = printed.toString(StandardCharsets.UTF_8);
        assertThat(lines).contains("round 1/2 floor").contains("load=1.00 cores=2 other_cpu=0.20\n");
        assertThat(lines)
                .contains("clients=2.0 load=2.50 cores=2 other_cpu=0.31 DISTURBED (other work used 0.31 cores)\n");
        assertThat(measured.get(0).disturbedRounds()).isEqualTo(1);
        assertThat(InterleavedRounds.medianLine(measured.get(0))).endsWith("of 2 rounds, 1 disturbed)");
    }

    @Test
    void whereProcIsUnreadableTheRoundSaysUnknownAndIsNeverFlagged() throws Exception {
        List<String> log = new ArrayList<>();
        ScriptedSide side = new ScriptedSide("floor", log, List.of(micros(50), micros(50)), List.of(1.0, 1.0));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        List<InterleavedRounds.Measured> measured = InterleavedRounds.measure(
                List.of(side),
                1,
                () -> new MachineLoad(Double.NaN, 2),
                OtherWorkMeter.NONE,
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .endsWith("clients=2.0 load=unknown cores=2 other_cpu=unknown\n");
        assertThat(InterleavedRounds.medianLine(measured.get(0))).endsWith("of 1 rounds, 0 disturbed)");
    }
}
