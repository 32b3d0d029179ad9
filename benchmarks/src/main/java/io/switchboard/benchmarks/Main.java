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
import java.util.function.IntFunction;
import java.util.function.Supplier;

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
            + " [--metrics]\n       "
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
                        ? "; switchboard runs four times: with users, without, without, with (ABBA), for the auth"
                                + " ratio"
                        : ""));

        RpcMetrics metrics = settings.metrics() ? RpcMetrics.on() : RpcMetrics.DEFAULT;
        if (settings.metrics()) {
            System.out.println("# metrics: " + metrics.describe() + "; switchboard runs four times: with them, with "
                    + RpcMetrics.OFF.describe() + " twice, with them again (ABBA), for the metrics ratio");
        }
        RpcResults switchboard = null;
        AbbaRuns.Outcome auth = null;
        AbbaRuns.Outcome measured = null;
        if (security.auth()) {
            auth = AbbaRuns.measure(
                    new Numbered(
                            n -> measureSwitchboard(settings, security, metrics, logDir.resolve("with-auth-" + n))),
                    new Numbered(n -> measureSwitchboard(
                            settings, security.withoutAuth(), metrics, logDir.resolve("without-auth-" + n))));
            // NATS is compared with the later (warmer) run with users.
            switchboard = auth.a2();
        }
        if (settings.metrics()) {
            measured = AbbaRuns.measure(
                    new Numbered(
                            n -> measureSwitchboard(settings, security, metrics, logDir.resolve("with-metrics-" + n))),
                    new Numbered(n -> measureSwitchboard(
                            settings, security, RpcMetrics.OFF, logDir.resolve("without-metrics-" + n))));
            switchboard = measured.a2();
        }
        if (switchboard == null && auth == null && measured == null) {
            switchboard = measureSwitchboard(settings, security, metrics, logDir);
        }
        boolean switchboardFailed =
                switchboard == null || (auth != null && !auth.complete()) || (measured != null && !measured.complete());

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

    /** A run that knows how many times it ran, so each keeps its own log directory. */
    private static final class Numbered implements Supplier<RpcResults> {
        private final IntFunction<RpcResults> run;
        private int runs;

        Numbered(IntFunction<RpcResults> run) {
            this.run = run;
        }

        @Override
        public RpcResults get() {
            return run.apply(++runs);
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

    /** The --auth and --metrics ratios, each from its ABBA runs. */
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
