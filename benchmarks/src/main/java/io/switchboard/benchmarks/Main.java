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
 * Entry point: {@code Main <workload> [--key=value ...]}. Workloads: {@code rpc}, Switchboard against NATS (when
 * nats-server is installed) side by side: both running, measured in alternating slices ({@link AbbaRuns}); {@code ejb}, the same call
 * from EJBs in WildFly through the resource adapter against a plain client ({@link EjbBenchmark}); {@code mdb},
 * the call into a message-driven bean published by the resource adapter ({@link MdbBenchmark}); {@code frontdoor},
 * many idle front-door users: server memory per line and broadcast fan-out ({@link FrontDoorBenchmark}).
 */
public final class Main {

    static final String USAGE = "usage: benchmarks/run rpc [--calls=N] [--warmup-calls=N] [--window=N]"
            + " [--seconds=N] [--warmup-seconds=N] [--payload-bytes=N] [--compression=off|deflate] [--tls] [--auth]"
            + " [--metrics] [--rounds=N] [--slice-seconds=N] [--scrape-seconds=N]\n       "
            + EjbBenchmark.USAGE + "\n       "
            + MdbBenchmark.USAGE + "\n       " + FrontDoorBenchmark.USAGE + "\n       " + DurableBenchmark.USAGE
            + "\n       " + ClusterBenchmark.USAGE;

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
        if (args.length > 0 && args[0].equals("cluster")) {
            int code;
            try {
                code = ClusterBenchmark.run(Arrays.copyOfRange(args, 1, args.length), newLogDir());
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.err.println("usage: " + ClusterBenchmark.USAGE);
                code = 2;
            }
            System.exit(code);
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
        System.out.println("# security: " + security.describe());
        System.out.println(
                "# comparisons run both systems at once, measured side by side: " + RpcSide.describeSlices(settings));
        RpcMetrics metrics = settings.metrics() ? RpcMetrics.on(settings.scrapeEvery()) : RpcMetrics.DEFAULT;
        if (settings.metrics()) {
            System.out.println("# metrics: " + metrics.describe() + ", against " + RpcMetrics.OFF.describe());
        }

        boolean failed = false;
        AbbaRuns.Outcome auth = null;
        if (security.auth()) {
            auth = sideBySide(
                    () -> RpcSide.switchboard(settings, new RpcSide.Setup("with-auth", security, metrics), logDir),
                    () -> RpcSide.switchboard(
                            settings, new RpcSide.Setup("without-auth", security.withoutAuth(), metrics), logDir));
            failed = auth == null;
        }
        AbbaRuns.Outcome measured = null;
        if (settings.metrics()) {
            measured = sideBySide(
                    () -> RpcSide.switchboard(settings, new RpcSide.Setup("with-metrics", security, metrics), logDir),
                    () -> RpcSide.switchboard(
                            settings, new RpcSide.Setup("without-metrics", security, RpcMetrics.OFF), logDir));
            failed |= measured == null;
        }

        Optional<Path> natsServer = NatsSystem.findServer();
        AbbaRuns.Outcome versusNats = null;
        if (natsServer.isPresent()) {
            versusNats = sideBySide(
                    () -> RpcSide.switchboard(settings, new RpcSide.Setup("beside-nats", security, metrics), logDir),
                    () -> RpcSide.nats(settings, natsServer.get(), security, logDir));
            failed |= versusNats == null;
        } else {
            System.out.println("nats skipped: nats-server is not on the PATH"
                    + " (install it with `apt-get install nats-server`) - no comparison made");
            if (auth == null && measured == null) {
                failed = measureSwitchboard(settings, security, metrics, logDir) == null;
            }
        }
        reportBaselines(auth, measured);
        if (versusNats != null) {
            compare(versusNats);
        }
        System.out.println("# load average at the end: " + Machine.loadAverage());
        return failed ? 1 : 0;
    }

    /** Opens one side of a comparison. */
    private interface SideOpener {
        RpcSide open() throws Exception;
    }

    /**
     * Starts both sides, then measures them side by side ({@link AbbaRuns}) and prints each side's figures; null
     * (the failure printed) when either broke, so the other comparisons still run.
     */
    private static AbbaRuns.Outcome sideBySide(SideOpener a, SideOpener b) {
        try (RpcSide sideA = a.open();
                RpcSide sideB = b.open()) {
            AbbaRuns.Outcome outcome = AbbaRuns.measure(sideA, sideB, sideA.rounds());
            sideA.report(outcome.resultsA());
            sideB.report(outcome.resultsB());
            return outcome;
        } catch (Exception e) {
            System.out.println("comparison failed: " + e + " (server logs under the run's log directory)");
            e.printStackTrace();
            return null;
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

    /** Switchboard (side A) against NATS (side B), measured side by side. */
    private static void compare(AbbaRuns.Outcome versusNats) {
        double p50Ratio = versusNats.p50Ratio();
        double throughputRatio = versusNats.throughputRatio();
        System.out.printf(Locale.ROOT, "ratio p50 switchboard/nats=%.2f%n", p50Ratio);
        System.out.printf(
                Locale.ROOT,
                "ratio throughput switchboard/nats=%.2f (rounds %s)%n",
                throughputRatio,
                AbbaRuns.rounded(versusNats.roundThroughputRatios()));
        System.out.printf(Locale.ROOT, "target p50 <= 0.6x nats: %s%n", p50Ratio <= 0.6 ? "met" : "NOT met");
        System.out.printf(
                Locale.ROOT, "target throughput >= 2x nats: %s%n", throughputRatio >= 2.0 ? "met" : "NOT met");
    }
}
