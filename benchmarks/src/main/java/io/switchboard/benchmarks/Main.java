package io.switchboard.benchmarks;

import io.switchboard.benchmarks.durable.DurableBenchmark;
import io.switchboard.benchmarks.ejb.EjbBenchmark;
import io.switchboard.benchmarks.frontdoor.FrontDoorBenchmark;
import io.switchboard.benchmarks.mdb.MdbBenchmark;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Entry point: {@code Main <workload> [--key=value ...]}. Workloads: {@code rpc}, Switchboard first, then NATS when
 * nats-server is installed, one system at a time so they never compete for the CPUs; {@code ejb}, the same call
 * from EJBs in WildFly through the resource adapter against a plain client ({@link EjbBenchmark}); {@code mdb},
 * the call into a message-driven bean published by the resource adapter ({@link MdbBenchmark}); {@code frontdoor},
 * many idle front-door users: server memory per line and broadcast fan-out ({@link FrontDoorBenchmark}).
 */
public final class Main {

    static final String USAGE = "usage: benchmarks/run rpc [--calls=N] [--warmup-calls=N] [--window=N]"
            + " [--seconds=N] [--warmup-seconds=N] [--payload-bytes=N] [--compression=off|deflate] [--tls] [--auth]"
            + " [--metrics] [--rounds=N] [--slice-seconds=N]\n       "
            + EjbBenchmark.USAGE + "\n       "
            + MdbBenchmark.USAGE + "\n       " + FrontDoorBenchmark.USAGE + "\n       " + DurableBenchmark.USAGE;

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("ejb")) {
            System.exit(EjbBenchmark.run(Arrays.copyOfRange(args, 1, args.length), newLogDir()));
        }
        if (args.length > 0 && args[0].equals("mdb")) {
            System.exit(MdbBenchmark.run(Arrays.copyOfRange(args, 1, args.length), newLogDir()));
        }
        if (args.length > 0 && args[0].equals("frontdoor")) {
            System.exit(FrontDoorBenchmark.run(Arrays.copyOfRange(args, 1, args.length), newLogDir()));
        }
        if (args.length > 0 && args[0].equals("durable")) {
            System.exit(DurableBenchmark.run(Arrays.copyOfRange(args, 1, args.length), newLogDir()));
        }
        if (args.length == 0 || !args[0].equals("rpc")) {
            System.err.println(args.length == 0 ? "no workload given" : "unknown workload: " + args[0]);
            System.err.println(USAGE);
            System.exit(2);
        }
        RpcSettings settings;
        try {
            settings = RpcSettings.fromArgs(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.exit(runRpc(settings));
    }

    private static int runRpc(RpcSettings settings) throws Exception {
        Path logDir = newLogDir();
        System.out.printf(
                Locale.ROOT,
                "# rpc: %d-byte payload, loopback; latency: %d warm-up + %d measured sequential"
                        + " calls; throughput: %d in flight, %ds warm-up + %ds measured; logs in %s%n",
                settings.payloadBytes(),
                settings.warmupCalls(),
                settings.measuredCalls(),
                settings.window(),
                settings.throughputWarmup().toSeconds(),
                settings.throughputRun().toSeconds(),
                logDir.toAbsolutePath());
        System.out.println("# machine: " + Machine.describe());

        RpcSecurity security = RpcSecurity.create(settings.tls(), settings.auth(), logDir.resolve("security"));
        System.out.println("# security: " + security.describe()
                + (security.auth()
                        ? "; switchboard runs with users and without, both servers at once, measured side by side"
                                + " for the auth ratio (" + describeSlices(settings) + ")"
                        : ""));

        RpcMetrics metrics = settings.metrics() ? RpcMetrics.on() : RpcMetrics.DEFAULT;
        if (settings.metrics()) {
            System.out.println("# metrics: " + metrics.describe() + "; against " + RpcMetrics.OFF.describe()
                    + ", both servers running, measured side by side (" + describeSlices(settings) + ")");
        }
        RpcResults switchboard = null;
        AbbaRuns.Outcome auth = null;
        AbbaRuns.Outcome measured = null;
        boolean switchboardFailed = false;
        if (security.auth()) {
            auth = compareSideBySide(
                    settings,
                    new Setup("with-auth", security, metrics),
                    new Setup("without-auth", security.withoutAuth(), metrics),
                    logDir);
            switchboardFailed = auth == null;
            switchboard = auth == null ? null : auth.resultsA();
        }
        if (settings.metrics()) {
            measured = compareSideBySide(
                    settings,
                    new Setup("with-metrics", security, metrics),
                    new Setup("without-metrics", security, RpcMetrics.OFF),
                    logDir);
            switchboardFailed |= measured == null;
            switchboard = measured == null ? switchboard : measured.resultsA();
        }
        if (!security.auth() && !settings.metrics()) {
            switchboard = measureSwitchboard(settings, security, metrics, logDir);
            switchboardFailed = switchboard == null;
        }

        Optional<Path> natsServer = NatsSystem.findServer();
        if (natsServer.isEmpty()) {
            System.out.println("nats skipped: nats-server is not on the PATH"
                    + " (install it with `apt-get install nats-server`) - no comparison made");
            reportBaselines(auth, measured);
            return switchboardFailed ? 1 : 0;
        }
        RpcResults nats;
        try (NatsSystem system = NatsSystem.start(natsServer.get(), security, logDir)) {
            System.out.println("# nats: " + natsServer.get() + ", jnats " + io.nats.client.Nats.CLIENT_VERSION
                    + ", raw " + settings.payloadBytes() + "-byte body, echo in the Dispatcher thread, "
                    + security.describe());
            nats = measure(system, new RpcWorkload(settings, new byte[settings.payloadBytes()]));
        }
        reportBaselines(auth, measured);
        if (switchboardFailed) {
            return 1;
        }
        compare(switchboard, nats);
        System.out.println("# load average at the end: " + Machine.loadAverage());
        return 0;
    }

    /** One side of a side-by-side comparison: its name (and log directory), security and metrics. */
    private record Setup(String name, RpcSecurity security, RpcMetrics metrics) {}

    private static String describeSlices(RpcSettings settings) {
        return settings.rounds() + " rounds of A B B A slices, each " + slicedCalls(settings) + " sequential calls and "
                + settings.sliceRun().toSeconds() + " s of throughput after 1 s settling";
    }

    /** A side's sequential calls spread over its slices: as many as one plain run measures. */
    private static int slicedCalls(RpcSettings settings) {
        return Math.max(1, settings.measuredCalls() / (2 * settings.rounds()));
    }

    /**
     * Starts both setups' servers and clients, then measures them side by side ({@link AbbaRuns}); null (the
     * failure printed) when either broke, so NATS is still measured.
     */
    private static AbbaRuns.Outcome compareSideBySide(RpcSettings settings, Setup a, Setup b, Path logDir) {
        System.out.println("# side by side: A = " + a.name() + ", B = " + b.name() + ", " + describeSlices(settings));
        try (OpenSide sideA = OpenSide.start(settings, a, logDir);
                OpenSide sideB = OpenSide.start(settings, b, logDir)) {
            AbbaRuns.Outcome outcome = AbbaRuns.measure(sideA, sideB, settings.rounds());
            sideA.report(outcome.resultsA());
            sideB.report(outcome.resultsB());
            return outcome;
        } catch (Exception e) {
            System.out.println("switchboard failed: " + e + " (server logs under " + logDir.toAbsolutePath() + ")");
            e.printStackTrace();
            return null;
        }
    }

    /** A running server with its clients and (with metrics) its scraper: one side of a comparison. */
    private static final class OpenSide implements AbbaRuns.Side, AutoCloseable {
        private final RpcSettings settings;
        private final Setup setup;
        private final SwitchboardSystem system;
        private final MonitorScraper scraper;
        private final RpcWorkload workload;

        private OpenSide(RpcSettings settings, Setup setup, SwitchboardSystem system, MonitorScraper scraper) {
            this.settings = settings;
            this.setup = setup;
            this.system = system;
            this.scraper = scraper;
            this.workload = new RpcWorkload(settings, system.requestBody());
        }

        static OpenSide start(RpcSettings settings, Setup setup, Path logDir) throws Exception {
            RpcMetrics metrics = setup.metrics().forRun();
            SwitchboardSystem system = SwitchboardSystem.start(
                    settings.payloadBytes(),
                    settings.compression(),
                    setup.security(),
                    metrics.serverArgs(),
                    logDir.resolve(setup.name()));
            System.out.println("# " + setup.name() + ": " + system.describe() + ", "
                    + setup.security().describe() + ", " + metrics.describe());
            return new OpenSide(settings, setup, system, metrics.scraper());
        }

        @Override
        public void warmUp() throws Exception {
            workload.latencyNanos(system, settings.warmupCalls(), 1);
            workload.throughput(system, settings.throughputWarmup(), java.time.Duration.ofSeconds(1));
        }

        @Override
        public AbbaRuns.Slice slice() throws Exception {
            long[] latency = workload.latencyNanos(system, 0, slicedCalls(settings));
            ThroughputResult throughput =
                    workload.throughput(system, java.time.Duration.ofSeconds(1), settings.sliceRun());
            return new AbbaRuns.Slice(latency, throughput);
        }

        void report(RpcResults results) {
            System.out.printf(
                    Locale.ROOT,
                    "%s %s latency_us p50=%.1f p99=%.1f throughput calls_per_s=%.0f cpu_us_per_call server=%.1f"
                            + " clients=%.1f%n",
                    system.name(),
                    setup.name(),
                    results.latency().p50Micros(),
                    results.latency().p99Micros(),
                    results.throughput().callsPerSecond(),
                    results.throughput().serverCpuMicrosPerCall(),
                    results.throughput().clientCpuMicrosPerCall());
            System.out.println("# " + setup.name() + " monitoring port: " + scraper.describe());
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

    /** One Switchboard run; null (and the failure printed) when it broke, so NATS is still measured. */
    private static RpcResults measureSwitchboard(
            RpcSettings settings, RpcSecurity security, RpcMetrics setup, Path logDir) {
        RpcMetrics metrics;
        try {
            metrics = setup.forRun();
        } catch (java.io.IOException e) {
            System.out.println("switchboard failed: no free port for the monitoring port: " + e);
            return null;
        }
        try (SwitchboardSystem system = SwitchboardSystem.start(
                        settings.payloadBytes(), settings.compression(), security, metrics.serverArgs(), logDir);
                MonitorScraper scraper = metrics.scraper()) {
            System.out.println("# " + system.describe() + ", compression "
                    + (settings.compression() ? "deflate above 1024 bytes" : "off") + ", " + security.describe()
                    + ", " + metrics.describe());
            RpcResults results = measure(system, new RpcWorkload(settings, system.requestBody()));
            System.out.println("# monitoring port: " + scraper.describe());
            return results;
        } catch (Exception e) {
            // Still measure NATS, so a broken build does not hide the baseline; the exit code says it failed.
            System.out.println("switchboard failed: " + e + " (server log: "
                    + logDir.resolve(SwitchboardServerProcess.LOG_FILE).toAbsolutePath() + ")");
            e.printStackTrace();
            return null;
        }
    }

    /** The --auth and --metrics ratios, each from its side-by-side slices. */
    private static void reportBaselines(AbbaRuns.Outcome auth, AbbaRuns.Outcome measured) {
        if (auth != null) {
            AbbaRuns.reportThroughput(auth, "switchboard auth/plain", 0.95);
        }
        if (measured != null) {
            // Issue 14's targets: throughput >= 0.97x and p50 <= 1.03x of metrics off.
            AbbaRuns.reportThroughput(measured, "switchboard metrics/off", 0.97);
            AbbaRuns.reportP50(measured, "switchboard metrics/off", 1.03);
        }
    }

    /** One directory per run, so a failed run's server logs survive the next run. */
    private static Path newLogDir() {
        return Path.of(System.getProperty("bench.logDir", "benchmarks/target/logs"))
                .resolve(LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private static RpcResults measure(RpcSystem system, RpcWorkload workload) throws Exception {
        LatencyResult latency = workload.latency(system);
        System.out.printf(
                Locale.ROOT,
                "%s latency_us p50=%.1f p99=%.1f%n",
                system.name(),
                latency.p50Micros(),
                latency.p99Micros());
        LatencyResult ping = workload.pingLatency(system);
        System.out.printf(
                Locale.ROOT,
                "# %s ping_us p50=%.1f p99=%.1f (client -> server -> client only, diagnostic)%n",
                system.name(),
                ping.p50Micros(),
                ping.p99Micros());
        ThroughputResult throughput = workload.throughput(system);
        System.out.printf(Locale.ROOT, "%s throughput calls_per_s=%.0f%n", system.name(), throughput.callsPerSecond());
        System.out.printf(
                Locale.ROOT,
                "# %s cpu_us_per_call server=%.1f clients=%.1f (throughput run, diagnostic)%n",
                system.name(),
                throughput.serverCpuMicrosPerCall(),
                throughput.clientCpuMicrosPerCall());
        return new RpcResults(latency, throughput);
    }

    private static void compare(RpcResults switchboard, RpcResults nats) {
        double p50Ratio = switchboard.latency().p50Micros() / nats.latency().p50Micros();
        double throughputRatio =
                switchboard.throughput().callsPerSecond() / nats.throughput().callsPerSecond();
        System.out.printf(Locale.ROOT, "ratio p50 switchboard/nats=%.2f%n", p50Ratio);
        System.out.printf(Locale.ROOT, "ratio throughput switchboard/nats=%.2f%n", throughputRatio);
        System.out.printf(Locale.ROOT, "target p50 <= 0.6x nats: %s%n", p50Ratio <= 0.6 ? "met" : "NOT met");
        System.out.printf(
                Locale.ROOT, "target throughput >= 2x nats: %s%n", throughputRatio >= 2.0 ? "met" : "NOT met");
    }
}
