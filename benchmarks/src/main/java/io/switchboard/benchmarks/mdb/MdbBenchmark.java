package io.switchboard.benchmarks.mdb;

import io.switchboard.benchmarks.Machine;
import io.switchboard.benchmarks.SwitchboardServerProcess;
import io.switchboard.benchmarks.SwitchboardSystem;
import io.switchboard.benchmarks.wildfly.WildFlyJavaOpts;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.testsupport.WildFly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code mdb} workload: calls from a plain client in the benchmark JVM, through the Switchboard server (its own
 * JVM), into a message-driven bean in WildFly 39 published by switchboard.rar's inbound side, and back. Sequential
 * latency and throughput with a window of calls in flight on one connection, as the {@code rpc} workload
 * measures them; target: {@value #TARGET_CALLS_PER_SECOND} calls/s on two cores.
 */
public final class MdbBenchmark {

    public static final String USAGE = "usage: benchmarks/run mdb [--warmup-calls=N] [--calls=N] [--rounds=N]"
            + " [--in-flight=N] [--max-concurrency=N] [--mdb-pool=N] [--warmup-seconds=N] [--seconds=N]"
            + " [--wildfly-port-offset=N] [--transaction=required|not-supported]";
    static final int TARGET_CALLS_PER_SECOND = 20_000;
    /** The rpc workload's payload: one 64-byte CBOR document (a byte string of 62 bytes). */
    private static final int PAYLOAD_BYTES = 64;

    private static final Duration BOOT_DEADLINE = Duration.ofSeconds(180);
    /** The activation connects and publishes in the background after the deployment; backoff starts at 500 ms. */
    private static final Duration PUBLISH_DEADLINE = Duration.ofSeconds(60);

    private MdbBenchmark() {}

    /** Returns the exit code: 0 measured (target met or not), 1 failed, 2 usage error. */
    public static int run(String[] args, Path logDir) {
        MdbSettings settings;
        try {
            settings = MdbSettings.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        System.out.printf(
                Locale.ROOT,
                "# mdb: %d-byte payload, loopback; latency: %d warm-up + %d measured"
                        + " sequential calls; throughput: %d calls in flight on one connection, %ds warm-up + %ds"
                        + " measured; %d rounds; logs in %s%n",
                PAYLOAD_BYTES,
                settings.warmupCalls(),
                settings.calls(),
                settings.inFlight(),
                settings.throughputWarmup().toSeconds(),
                settings.throughputRun().toSeconds(),
                settings.rounds(),
                logDir.toAbsolutePath());
        System.out.println("# machine: " + Machine.describe());
        try {
            measure(settings, logDir);
            System.out.println("# load average at the end: " + Machine.loadAverage());
            return 0;
        } catch (Exception e) {
            System.out.println("mdb failed: " + e.getMessage() + " (logs: " + logDir.toAbsolutePath() + ")");
            e.printStackTrace();
            return 1;
        }
    }

    private static void measure(MdbSettings settings, Path logDir) throws Exception {
        Path home = WildFly.unpackedHome(Path.of(System.getProperty("bench.wildflyDir", "benchmarks/target/wildfly")));
        Path rar = Path.of(System.getProperty("bench.rar", "rar/rar/target/switchboard.rar"));
        if (!Files.isRegularFile(rar)) {
            throw new IOException(rar + " does not exist; build it with benchmarks/run (no BENCH_SKIP_BUILD)");
        }
        Files.createDirectories(logDir);
        Path war = logDir.resolve(MdbWar.NAME);
        MdbWar.build(war, settings);

        try (SwitchboardServerProcess server = SwitchboardServerProcess.start(logDir)) {
            System.out.println("# switchboard: " + server.describe());
            long bootStart = System.nanoTime();
            String javaOpts = WildFlyJavaOpts.of(System.getenv());
            try (WildFly wildFly = WildFly.start(
                            home, logDir.resolve("wildfly"), settings.portOffset(), Map.of(), javaOpts, BOOT_DEADLINE);
                    SwitchboardClient caller = SwitchboardClient.connect(
                            SwitchboardSystem.clientOptions(server.url(), "bench-mdb-caller"))) {
                double bootSeconds = (System.nanoTime() - bootStart) / 1e9;
                long setupStart = System.nanoTime();
                Path script = logDir.resolve("setup.cli");
                Files.writeString(script, MdbSetupScript.text(server.url(), settings, rar, war));
                wildFly.runCli(script);
                wildFly.awaitReady(Duration.ofSeconds(60));
                double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
                MdbWorkload workload = new MdbWorkload(
                        settings, caller, SwitchboardSystem.cborByteString(PAYLOAD_BYTES), wildFly, server);
                Duration published = workload.awaitPublished(PUBLISH_DEADLINE);
                System.out.printf(
                        Locale.ROOT,
                        "# wildfly: %s, pid %s, booted in %.1fs, set up and deployed in %.1fs"
                                + " (%s), session listed %d ms after that; JVM options -Xms64m -Xmx512m %s%n",
                        home.getFileName(),
                        wildFly.java().map(p -> Long.toString(p.pid())).orElse("?"),
                        bootSeconds,
                        setupSeconds,
                        script.getFileName(),
                        published.toMillis(),
                        javaOpts);
                System.out.println("# mdb: " + describe(settings));
                workload.warmUp();
                MdbWorkload.Latency latency = workload.latency();
                MdbWorkload.Latency ping = workload.pingLatency();
                MdbWorkload.Throughput throughput = workload.throughput();
                report(settings, latency, ping, throughput);
            }
        }
    }

    private static String describe(MdbSettings settings) {
        return "EchoBean, @MessageDriven CallMethods bean, @CallMethod(\"echo\") byte[] echo(byte[]) (the adapter's"
                + " Jackson maps the 64-byte CBOR byte string to byte[62] and back), alias " + MdbWar.ALIAS
                + ", activation maxConcurrency=" + settings.maxConcurrency()
                + (settings.expectsBusy()
                        ? " (below the window: the server answers busy beyond it, counted apart)"
                        : " (= the window: no busy)")
                + ", codec CBOR (activation default), transaction attribute " + settings.transaction()
                + (settings.transaction() == MdbSettings.Transaction.REQUIRED ? " (the EJB default)" : "") + ";"
                + " MDB instances from mdb-strict-max-pool (made the default MDB pool), max-pool-size="
                + settings.mdbPool() + " (derive-size undefined);"
                + " deliveries on the default JCA work manager (WildFly's default: 50 short-running threads, queue 50);"
                + " caller: plain client in this JVM, RawPayload, CBOR, one connection";
    }

    private static void report(
            MdbSettings settings,
            MdbWorkload.Latency latency,
            MdbWorkload.Latency ping,
            MdbWorkload.Throughput throughput) {
        System.out.printf(Locale.ROOT, "mdb latency_us p50=%.1f p99=%.1f%n", latency.p50Micros(), latency.p99Micros());
        System.out.printf(
                Locale.ROOT,
                "# mdb ping_us p50=%.1f p99=%.1f (caller -> server -> caller only," + " diagnostic)%n",
                ping.p50Micros(),
                ping.p99Micros());
        System.out.printf(Locale.ROOT, "mdb throughput calls_per_s=%.0f%n", throughput.callsPerSecond());
        if (settings.expectsBusy()) {
            System.out.printf(
                    Locale.ROOT,
                    "# mdb busy answers=%d (%.2f per completed call, diagnostic)%n",
                    throughput.busy(),
                    (double) throughput.busy() / throughput.calls());
        }
        System.out.printf(
                Locale.ROOT,
                "# mdb cpu_us_per_call wildfly=%.1f server=%.1f caller=%.1f (throughput run," + " diagnostic)%n",
                throughput.wildFlyCpuMicros(),
                throughput.serverCpuMicros(),
                throughput.callerCpuMicros());
        System.out.printf(
                Locale.ROOT,
                "target >= %d calls/s: %s%n",
                TARGET_CALLS_PER_SECOND,
                throughput.callsPerSecond() >= TARGET_CALLS_PER_SECOND ? "met" : "NOT met");
    }
}
