package io.switchboard.benchmarks.ejb;

import io.switchboard.benchmarks.Stats;
import io.switchboard.benchmarks.SwitchboardSystem;
import io.switchboard.testsupport.WildFly;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The runs, driven over HTTP against the war in WildFly: warm-up of every mode, then latency, pipelined throughput
 * (the rpc workload's shape: one connection, a window of calls in flight) and, as a diagnostic, concurrent-caller
 * throughput, each in rounds that alternate which mode goes first. Prints a {@code #} line per round so the spread
 * is visible.
 */
final class EjbWorkload {

    /** The measured modes, then the diagnostics without an EJB in between (see the war's BenchResource). */
    static final String ADAPTER = "adapter";

    static final String PLAIN = "plain";
    static final String DIRECT = "direct";
    static final String PER_CALLER = "direct-per-caller";
    private static final List<String> CONCURRENT_MODES = List.of(ADAPTER, PLAIN, DIRECT, PER_CALLER);

    private final EjbSettings settings;
    private final BenchEndpoint endpoint;
    private final WildFly wildFly;
    private final SwitchboardSystem system;

    EjbWorkload(EjbSettings settings, BenchEndpoint endpoint, WildFly wildFly, SwitchboardSystem system) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.wildFly = wildFly;
        this.system = system;
    }

    /** Latency percentiles of one mode over all rounds, and each round's p50 (µs) in round order. */
    record Latency(double p50Micros, double p99Micros, int calls, List<Double> roundP50s) {
        static Latency of(long[] nanos, List<Double> roundP50s) {
            Stats stats = Stats.of(nanos);
            return new Latency(stats.percentileMicros(50), stats.percentileMicros(99), stats.count(), roundP50s);
        }
    }

    /**
     * Calls per second of one mode over all rounds, CPU per call (µs) where it was spent, and each round's calls per
     * second in round order.
     */
    record Throughput(
            double callsPerSecond,
            long calls,
            double wildFlyCpuMicros,
            double serverCpuMicros,
            double publisherCpuMicros,
            List<Double> roundCallsPerSecond) {}

    void warmUp() throws IOException, InterruptedException {
        for (String mode : List.of(ADAPTER, PLAIN, DIRECT)) {
            endpoint.latency(mode, settings.warmupCalls());
        }
        for (String mode : List.of(ADAPTER, PLAIN)) {
            endpoint.pipelined(mode, settings.inFlight(), settings.throughputWarmup());
        }
        for (String mode : CONCURRENT_MODES) {
            // The same code as the pipelined runs, which is warm by then, with more threads.
            endpoint.throughput(
                    mode, settings.threads(), settings.throughputWarmup().dividedBy(2));
        }
    }

    Map<String, Latency> latency() throws IOException, InterruptedException {
        Map<String, List<long[]>> samples = new LinkedHashMap<>();
        Map<String, List<Double>> roundP50s = new LinkedHashMap<>();
        for (int round = 0; round < settings.rounds(); round++) {
            StringBuilder line = new StringBuilder("# latency round " + (round + 1) + ":");
            for (String mode : roundOrder(round, List.of(DIRECT))) {
                long[] nanos = endpoint.latency(mode, settings.callsPerRound());
                samples.computeIfAbsent(mode, m -> new ArrayList<>()).add(nanos);
                Latency latency = Latency.of(nanos.clone(), List.of());
                roundP50s.computeIfAbsent(mode, m -> new ArrayList<>()).add(latency.p50Micros());
                line.append(String.format(
                        Locale.ROOT, " %s p50=%.1f p99=%.1f", mode, latency.p50Micros(), latency.p99Micros()));
            }
            System.out.println(line);
        }
        Map<String, Latency> results = new LinkedHashMap<>();
        for (String mode : List.of(ADAPTER, PLAIN, DIRECT)) {
            results.put(mode, Latency.of(Replies.concat(samples.get(mode)), List.copyOf(roundP50s.get(mode))));
        }
        return results;
    }

    /** The headline: one connection with {@code inFlight} calls outstanding, from one EJB invocation. */
    Map<String, Throughput> pipelined() throws IOException, InterruptedException {
        return throughputRounds(
                "pipelined",
                List.of(),
                mode -> endpoint.pipelined(mode, settings.inFlight(), settings.secondsPerRound()));
    }

    /** The diagnostic: {@code threads} callers, each calling the bean in a loop (the adapter borrows per call). */
    Map<String, Throughput> concurrent() throws IOException, InterruptedException {
        return throughputRounds(
                "concurrent",
                List.of(DIRECT, PER_CALLER),
                mode -> endpoint.throughput(mode, settings.threads(), settings.secondsPerRound()));
    }

    /** One measured run of a mode. */
    private interface Run {
        Replies.Count of(String mode) throws IOException, InterruptedException;
    }

    private Map<String, Throughput> throughputRounds(String name, List<String> diagnostics, Run run)
            throws IOException, InterruptedException {
        Map<String, Replies.Count> counts = new LinkedHashMap<>();
        Map<String, long[]> cpuNanos = new LinkedHashMap<>(); // wildfly, server, publisher
        Map<String, List<Double>> roundCallsPerSecond = new LinkedHashMap<>();
        for (int round = 0; round < settings.rounds(); round++) {
            StringBuilder line = new StringBuilder("# " + name + " throughput round " + (round + 1) + ":");
            List<String> rotated = new ArrayList<>(diagnostics);
            Collections.rotate(rotated, round);
            for (String mode : roundOrder(round, rotated)) {
                long[] before = cpu();
                Replies.Count count = run.of(mode);
                long[] after = cpu();
                counts.merge(mode, count, Replies.Count::plus);
                roundCallsPerSecond
                        .computeIfAbsent(mode, m -> new ArrayList<>())
                        .add(count.callsPerSecond());
                long[] used = cpuNanos.computeIfAbsent(mode, m -> new long[3]);
                for (int i = 0; i < used.length; i++) {
                    used[i] += after[i] - before[i];
                }
                line.append(String.format(Locale.ROOT, " %s calls_per_s=%.0f", mode, count.callsPerSecond()));
            }
            System.out.println(line);
        }
        Map<String, Throughput> results = new LinkedHashMap<>();
        counts.forEach((mode, count) -> {
            long[] used = cpuNanos.get(mode);
            results.put(
                    mode,
                    new Throughput(
                            count.callsPerSecond(),
                            count.calls(),
                            used[0] / 1e3 / count.calls(),
                            used[1] / 1e3 / count.calls(),
                            used[2] / 1e3 / count.calls(),
                            List.copyOf(roundCallsPerSecond.get(mode))));
        });
        return results;
    }

    /** Even rounds adapter first, odd rounds plain first; the diagnostics after them. */
    private static List<String> roundOrder(int round, List<String> diagnostics) {
        List<String> order = new ArrayList<>(round % 2 == 0 ? List.of(ADAPTER, PLAIN) : List.of(PLAIN, ADAPTER));
        order.addAll(diagnostics);
        return order;
    }

    /** CPU time so far of the WildFly JVM, the Switchboard server and this JVM (the echo publisher). */
    private long[] cpu() {
        return cpu(wildFly, system);
    }

    /** As {@link #cpu()}, for the submit workload. */
    static long[] cpu(WildFly wildFly, SwitchboardSystem system) {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long publisher = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
        return new long[] {wildFly.cpuTime().toNanos(), system.serverCpuTime().toNanos(), publisher};
    }
}
