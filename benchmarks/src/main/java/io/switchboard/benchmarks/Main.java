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
                        ? "; switchboard then runs again without users, the baseline of the auth ratio (second,"
                                + " so any JIT warm-up left in this JVM favours the baseline)"
                        : ""));

        RpcMetrics metrics = settings.metrics() ? RpcMetrics.on() : RpcMetrics.DEFAULT;
        if (settings.metrics()) {
            System.out.println("# metrics: " + metrics.describe() + "; switchboard then runs again with "
                    + RpcMetrics.OFF.describe() + ", the baseline of the metrics ratio (second, so any JIT warm-up"
                    + " left in this JVM favours the baseline)");
        }
        Results switchboard = measureSwitchboard(settings, security, metrics, logDir);
        Results plain = null;
        if (security.auth()) {
            plain = measureSwitchboard(settings, security.withoutAuth(), metrics, logDir.resolve("without-auth"));
        }
        Results unmeasured = null;
        if (settings.metrics()) {
            unmeasured = measureSwitchboard(settings, security, RpcMetrics.OFF, logDir.resolve("without-metrics"));
        }
        boolean baselinesFailed = (security.auth() && plain == null) || (settings.metrics() && unmeasured == null);

        Optional<Path> natsServer = NatsSystem.findServer();
        if (natsServer.isEmpty()) {
            System.out.println("nats skipped: nats-server is not on the PATH"
                    + " (install it with `apt-get install nats-server`) - no comparison made");
            compareAuth(plain, switchboard);
            compareMetrics(unmeasured, switchboard);
            return switchboard == null || baselinesFailed ? 1 : 0;
        }
        Results nats;
        try (NatsSystem system = NatsSystem.start(natsServer.get(), security, logDir)) {
            System.out.println("# nats: " + natsServer.get() + ", jnats " + io.nats.client.Nats.CLIENT_VERSION
                    + ", raw " + settings.payloadBytes() + "-byte body, echo in the Dispatcher thread, "
                    + security.describe());
            nats = measure(system, new RpcWorkload(settings, new byte[settings.payloadBytes()]));
        }
        compareAuth(plain, switchboard);
        compareMetrics(unmeasured, switchboard);
        if (switchboard == null || baselinesFailed) {
            return 1;
        }
        compare(switchboard, nats);
        System.out.println("# load average at the end: " + Machine.loadAverage());
        return 0;
    }

    /** One Switchboard run; null (and the failure printed) when it broke, so NATS is still measured. */
    private static Results measureSwitchboard(
            RpcSettings settings, RpcSecurity security, RpcMetrics metrics, Path logDir) {
        try (SwitchboardSystem system = SwitchboardSystem.start(
                        settings.payloadBytes(), settings.compression(), security, metrics.serverArgs(), logDir);
                MonitorScraper scraper = metrics.scraper()) {
            System.out.println("# " + system.describe() + ", compression "
                    + (settings.compression() ? "deflate above 1024 bytes" : "off") + ", " + security.describe()
                    + ", " + metrics.describe());
            Results results = measure(system, new RpcWorkload(settings, system.requestBody()));
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

    /** With --auth: Switchboard's throughput with users and permissions against the same run without. */
    private static void compareAuth(Results plain, Results auth) {
        if (plain == null || auth == null) {
            return;
        }
        double ratio = auth.throughput.callsPerSecond() / plain.throughput.callsPerSecond();
        System.out.printf(Locale.ROOT, "ratio throughput switchboard auth/plain=%.2f%n", ratio);
        System.out.printf(
                Locale.ROOT, "target throughput with auth >= 0.95x plain: %s%n", ratio >= 0.95 ? "met" : "NOT met");
    }

    /**
     * With --metrics: Switchboard with metrics on (and its monitoring port scraped) against the same run with
     * {@code metrics: false}; the targets of issue 14: throughput >= 0.97x and p50 <= 1.03x.
     */
    private static void compareMetrics(Results off, Results on) {
        if (off == null || on == null) {
            return;
        }
        double throughput = on.throughput.callsPerSecond() / off.throughput.callsPerSecond();
        double p50 = on.latency.p50Micros() / off.latency.p50Micros();
        System.out.printf(Locale.ROOT, "ratio throughput switchboard metrics/off=%.3f%n", throughput);
        System.out.printf(Locale.ROOT, "ratio p50 switchboard metrics/off=%.3f%n", p50);
        System.out.printf(
                Locale.ROOT,
                "target throughput with metrics >= 0.97x off: %s%n",
                throughput >= 0.97 ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "target p50 with metrics <= 1.03x off: %s%n", p50 <= 1.03 ? "met" : "NOT met");
    }

    /** One directory per run, so a failed run's server logs survive the next run. */
    private static Path newLogDir() {
        return Path.of(System.getProperty("bench.logDir", "benchmarks/target/logs"))
                .resolve(LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private static Results measure(RpcSystem system, RpcWorkload workload) throws Exception {
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
        return new Results(latency, throughput);
    }

    private static void compare(Results switchboard, Results nats) {
        double p50Ratio = switchboard.latency.p50Micros() / nats.latency.p50Micros();
        double throughputRatio = switchboard.throughput.callsPerSecond() / nats.throughput.callsPerSecond();
        System.out.printf(Locale.ROOT, "ratio p50 switchboard/nats=%.2f%n", p50Ratio);
        System.out.printf(Locale.ROOT, "ratio throughput switchboard/nats=%.2f%n", throughputRatio);
        System.out.printf(Locale.ROOT, "target p50 <= 0.6x nats: %s%n", p50Ratio <= 0.6 ? "met" : "NOT met");
        System.out.printf(
                Locale.ROOT, "target throughput >= 2x nats: %s%n", throughputRatio >= 2.0 ? "met" : "NOT met");
    }

    private record Results(LatencyResult latency, ThroughputResult throughput) {}
}
