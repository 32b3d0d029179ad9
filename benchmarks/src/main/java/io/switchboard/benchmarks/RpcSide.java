package io.switchboard.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One running system of a side-by-side comparison ({@link AbbaRuns}): a Switchboard server with its clients (and,
 * with metrics, the scraper of its monitoring port), or a NATS server with its clients. Warming up and each slice
 * run the same {@link RpcWorkload} loops on either.
 */
final class RpcSide implements InterleavedRounds.Side, AutoCloseable {

    /** How long each slice's throughput run keeps the window full before counting. */
    private static final Duration SLICE_SETTLING = Duration.ofSeconds(1);

    /** A Switchboard setup: its name (and log directory), security and metrics. */
    record Setup(String name, RpcSecurity security, RpcMetrics metrics) {}

    private final String label;
    private final RpcSettings settings;
    private final RpcSystem system;
    private final MonitorScraper scraper;
    private final RpcWorkload workload;

    private RpcSide(String label, RpcSettings settings, RpcSystem system, byte[] body, MonitorScraper scraper) {
        this.label = label;
        this.settings = settings;
        this.system = system;
        this.scraper = scraper;
        this.workload = new RpcWorkload(settings, body);
    }

    static RpcSide switchboard(RpcSettings settings, Setup setup, Path logDir) throws Exception {
        RpcMetrics metrics = setup.metrics().forRun();
        SwitchboardSystem system = SwitchboardSystem.start(
                settings.payloadBytes(),
                settings.compression(),
                setup.security(),
                metrics.serverArgs(),
                logDir.resolve(setup.name()));
        System.out.println("# " + setup.name() + ": " + system.describe() + ", compression "
                + (settings.compression() ? "deflate above 1024 bytes" : "off") + ", "
                + setup.security().describe()
                + ", " + metrics.describe());
        return new RpcSide("switchboard " + setup.name(), settings, system, system.requestBody(), metrics.scraper());
    }

    /** Any other system under {@code label} (e.g. the cluster's sides); closing the side closes {@code system}. */
    static RpcSide of(String label, RpcSettings settings, RpcSystem system, byte[] body) {
        return new RpcSide(label, settings, system, body, MonitorScraper.NONE);
    }

    static RpcSide nats(RpcSettings settings, Path executable, RpcSecurity security, Path logDir) throws Exception {
        NatsSystem system = NatsSystem.start(executable, security, logDir);
        System.out.println("# nats: " + executable + ", jnats " + io.nats.client.Nats.CLIENT_VERSION + ", raw "
                + settings.payloadBytes() + "-byte body, echo in the Dispatcher thread, " + security.describe());
        return new RpcSide("nats", settings, system, new byte[settings.payloadBytes()], MonitorScraper.NONE);
    }

    /** The floor: a raw Netty relay with the server's transport and no protocol ({@link FloorSystem}). */
    static RpcSide floor(RpcSettings settings, Path logDir) throws Exception {
        FloorSystem system = FloorSystem.start(logDir, settings.payloadBytes());
        System.out.println("# floor: " + system.describe() + ", raw " + settings.payloadBytes() + "-byte body");
        byte[] body = new byte[settings.payloadBytes()];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        return new RpcSide("floor", settings, system, body, MonitorScraper.NONE);
    }

    @Override
    public String label() {
        return label;
    }

    /** How many A B B A rounds the comparison runs. */
    int rounds() {
        return settings.rounds();
    }

    /** A side's sequential calls spread over its slices: as many as one plain run measures. */
    static int slicedCalls(RpcSettings settings) {
        return Math.max(1, settings.measuredCalls() / (2 * settings.rounds()));
    }

    static String describeSlices(RpcSettings settings) {
        return settings.rounds() + " rounds of A B B A slices, each " + slicedCalls(settings)
                + " sequential calls and " + settings.sliceRun().toSeconds() + " s of throughput after "
                + SLICE_SETTLING.toSeconds() + " s settling";
    }

    @Override
    public void warmUp() throws Exception {
        workload.latencyNanos(system, settings.warmupCalls(), 1);
        workload.throughput(system, settings.throughputWarmup(), Duration.ofSeconds(1));
    }

    @Override
    public AbbaRuns.Slice slice() throws Exception {
        long[] latency = workload.latencyNanos(system, 0, slicedCalls(settings));
        ThroughputResult throughput = workload.throughput(system, SLICE_SETTLING, settings.sliceRun());
        return new AbbaRuns.Slice(latency, throughput);
    }

    /** Prints this side's pooled figures, and what its scraper did. */
    void report(RpcResults results) {
        report(label, results);
        if (scraper != MonitorScraper.NONE) {
            System.out.println("# " + label + " monitoring port: " + scraper.describe());
        }
    }

    /** {@code <label> latency_us p50=… p99=… throughput calls_per_s=… cpu_us_per_call server=… clients=…}. */
    static void report(String label, RpcResults results) {
        System.out.printf(
                Locale.ROOT,
                "%s latency_us p50=%.1f p99=%.1f throughput calls_per_s=%.0f cpu_us_per_call server=%.1f clients=%.1f%n",
                label,
                results.latency().p50Micros(),
                results.latency().p99Micros(),
                results.throughput().callsPerSecond(),
                results.throughput().serverCpuMicrosPerCall(),
                results.throughput().clientCpuMicrosPerCall());
    }

    @Override
    public void close() {
        try {
            scraper.close();
        } finally {
            system.close();
        }
    }
}
