package io.switchboard.benchmarks.ejb;

import io.switchboard.benchmarks.Machine;
import io.switchboard.benchmarks.SwitchboardSystem;
import io.switchboard.benchmarks.wildfly.WildFlyJavaOpts;
import io.switchboard.testsupport.WildFly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ejb} workload: the RPC echo called from stateless EJBs in WildFly 39, through switchboard.rar's pooled
 * connections and through a plain client in the same WildFly JVM, in the same run. The Switchboard server runs
 * in its own JVM and the echo publisher in this one, exactly as for the {@code rpc} workload.
 */
public final class EjbBenchmark {

    public static final String USAGE = "usage: benchmarks/run ejb [--warmup-calls=N] [--calls=N] [--rounds=N]"
            + " [--in-flight=N] [--threads=N] [--warmup-seconds=N] [--seconds=N] [--wildfly-port-offset=N]"
            + " [--ping-timeout=N] [--adapter-io-threads=N] [--shared-connections=N] [--tx=xa|xa-2pc|none]";
    /** The rpc workload's payload: one 64-byte CBOR document (a byte string of 62 bytes). */
    private static final int PAYLOAD_BYTES = 64;

    private static final Duration BOOT_DEADLINE = Duration.ofSeconds(180);

    private EjbBenchmark() {}

    /** Returns the exit code: 0 measured, 1 failed, 2 usage error. */
    public static int run(String[] args, Path logDir) {
        EjbSettings settings;
        try {
            settings = EjbSettings.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        System.out.printf(
                Locale.ROOT,
                "# ejb: %d-byte payload, loopback; latency: %d warm-up + %d measured"
                        + " sequential calls per mode; throughput: %d calls in flight on one connection, %ds warm-up"
                        + " + %ds measured per mode (diagnostic: %d concurrent callers, half the warm-up); %d"
                        + " alternating rounds; logs in %s%n",
                PAYLOAD_BYTES,
                settings.warmupCalls(),
                settings.calls(),
                settings.inFlight(),
                settings.throughputWarmup().toSeconds(),
                settings.throughputRun().toSeconds(),
                settings.threads(),
                settings.rounds(),
                logDir.toAbsolutePath());
        System.out.println("# machine: " + Machine.describe());
        try {
            measure(settings, logDir);
            System.out.println("# load average at the end: " + Machine.loadAverage());
            return 0;
        } catch (Exception e) {
            System.out.println("ejb failed: " + e.getMessage() + " (logs: " + logDir.toAbsolutePath() + ")");
            e.printStackTrace();
            return 1;
        }
    }

    private static void measure(EjbSettings settings, Path logDir) throws Exception {
        Path home = WildFly.unpackedHome(Path.of(System.getProperty("bench.wildflyDir", "benchmarks/target/wildfly")));
        Path rar = Path.of(System.getProperty("bench.rar", "rar/rar/target/switchboard.rar"));
        if (!Files.isRegularFile(rar)) {
            throw new IOException(rar + " does not exist; build it with benchmarks/run (no BENCH_SKIP_BUILD)");
        }
        Path war = logDir.resolve(BenchWar.NAME);
        Files.createDirectories(logDir);
        BenchWar.build(war, Path.of(System.getProperty("bench.ejbWarLib", "benchmarks/target/ejb-war-lib")));

        try (SwitchboardSystem system = SwitchboardSystem.start(PAYLOAD_BYTES, logDir)) {
            System.out.println("# " + system.describe());
            long bootStart = System.nanoTime();
            Map<String, String> target = Map.of(
                    "switchboard.bench.serverUrl",
                    system.url(),
                    "switchboard.bench.alias",
                    SwitchboardSystem.ALIAS,
                    "switchboard.bench.method",
                    SwitchboardSystem.METHOD);
            String javaOpts = WildFlyJavaOpts.of(System.getenv());
            try (WildFly wildFly = WildFly.start(
                    home, logDir.resolve("wildfly"), settings.portOffset(), target, javaOpts, BOOT_DEADLINE)) {
                double bootSeconds = (System.nanoTime() - bootStart) / 1e9;
                long setupStart = System.nanoTime();
                Path script = logDir.resolve("setup.cli");
                Files.writeString(script, SetupScript.text(system.url(), settings, rar, war));
                wildFly.runCli(script);
                wildFly.awaitReady(Duration.ofSeconds(60));
                BenchEndpoint endpoint = new BenchEndpoint(WildFly.LOOPBACK, wildFly.httpPort());
                endpoint.check(Duration.ofSeconds(30));
                System.out.printf(
                        Locale.ROOT,
                        "# wildfly: %s, pid %s, http port %d, booted in %.1fs, set up and"
                                + " deployed in %.1fs (%s), JVM options -Xms64m -Xmx512m %s%n",
                        home.getFileName(),
                        wildFly.java().map(p -> Long.toString(p.pid())).orElse("?"),
                        wildFly.httpPort(),
                        bootSeconds,
                        (System.nanoTime() - setupStart) / 1e9,
                        script.getFileName(),
                        javaOpts);
                if (settings.submitWorkload()) {
                    SubmitWorkload.run(settings, endpoint, wildFly, system);
                    return;
                }
                System.out.println("# adapter: @Stateless bean, getConnection()/call/close per call, pool min=max="
                        + settings.threads() + " prefilled, validate-on-match (IronJacamar enables it for a validating"
                        + " factory), pingTimeout="
                        + (settings.pingTimeout() == null
                                ? "adapter default (10: ping only" + " connections idle over 10 s)"
                                : settings.pingTimeout())
                        + ", ioThreads=" + (settings.ioThreads() == null ? "adapter default" : settings.ioThreads())
                        + ", sharedConnections="
                        + (settings.sharedConnections() == null ? "adapter default" : settings.sharedConnections())
                        + "; plain: @Stateless bean calling one shared plain client"
                        + " bundled in the war (one connection); both NIO, CBOR, byte[62] payload mapped by Jackson to the same"
                        + " 64-byte document; throughput: one bean invocation borrows one connection (adapter) or"
                        + " uses the shared client (plain) and keeps " + settings.inFlight() + " callAsync calls in"
                        + " flight, as the rpc workload does; concurrent (diagnostic): " + settings.threads()
                        + " managed threads calling the bean in a loop, the adapter borrowing per call");
                EjbWorkload workload = new EjbWorkload(settings, endpoint, wildFly, system);
                workload.warmUp();
                Map<String, EjbWorkload.Latency> latency = workload.latency();
                Map<String, EjbWorkload.Throughput> pipelined = workload.pipelined();
                report(latency, pipelined, workload.concurrent());
            }
        }
    }

    private static void report(
            Map<String, EjbWorkload.Latency> latency,
            Map<String, EjbWorkload.Throughput> pipelined,
            Map<String, EjbWorkload.Throughput> concurrent) {
        for (String mode : List.of(EjbWorkload.ADAPTER, EjbWorkload.PLAIN)) {
            EjbWorkload.Latency l = latency.get(mode);
            System.out.printf(Locale.ROOT, "ejb-%s latency_us p50=%.1f p99=%.1f%n", mode, l.p50Micros(), l.p99Micros());
        }
        EjbWorkload.Latency direct = latency.get(EjbWorkload.DIRECT);
        System.out.printf(
                Locale.ROOT,
                "# ejb-direct latency_us p50=%.1f p99=%.1f (plain client called from the REST"
                        + " resource, no EJB in between, diagnostic)%n",
                direct.p50Micros(),
                direct.p99Micros());
        for (String mode : List.of(EjbWorkload.ADAPTER, EjbWorkload.PLAIN)) {
            EjbWorkload.Throughput t = pipelined.get(mode);
            System.out.printf(Locale.ROOT, "ejb-%s throughput calls_per_s=%.0f%n", mode, t.callsPerSecond());
            printCpu(mode, "pipelined", t);
        }
        for (String mode :
                List.of(EjbWorkload.ADAPTER, EjbWorkload.PLAIN, EjbWorkload.DIRECT, EjbWorkload.PER_CALLER)) {
            EjbWorkload.Throughput t = concurrent.get(mode);
            System.out.printf(
                    Locale.ROOT,
                    "# ejb-%s concurrent throughput calls_per_s=%.0f (%s, diagnostic)%n",
                    mode,
                    t.callsPerSecond(),
                    switch (mode) {
                        case EjbWorkload.ADAPTER -> "a pooled connection borrowed per call by each caller";
                        case EjbWorkload.PLAIN -> "every caller on the one shared plain client";
                        case EjbWorkload.DIRECT -> "the shared plain client without EJBs";
                        default -> "a plain client per caller thread without EJBs: the pool's connection layout";
                    });
            printCpu(mode, "concurrent", t);
        }
        EjbWorkload.Latency adapter = latency.get(EjbWorkload.ADAPTER);
        EjbWorkload.Latency plain = latency.get(EjbWorkload.PLAIN);
        Overhead overhead = Overhead.of(
                adapter.p50Micros(),
                plain.p50Micros(),
                pipelined.get(EjbWorkload.ADAPTER).callsPerSecond(),
                pipelined.get(EjbWorkload.PLAIN).callsPerSecond());
        System.out.printf(
                Locale.ROOT, "# ratio p99 adapter/plain=%.2f (diagnostic)%n", adapter.p99Micros() / plain.p99Micros());
        System.out.printf(
                Locale.ROOT,
                "# ratio concurrent throughput plain/adapter=%.2f (diagnostic)%n",
                concurrent.get(EjbWorkload.PLAIN).callsPerSecond()
                        / concurrent.get(EjbWorkload.ADAPTER).callsPerSecond());
        System.out.printf(Locale.ROOT, "ratio p50 adapter/plain=%.2f%n", overhead.p50Ratio());
        System.out.printf(Locale.ROOT, "ratio throughput plain/adapter=%.2f%n", overhead.throughputRatio());
        System.out.printf(
                Locale.ROOT,
                "target overhead <= %d%%: %s%n",
                Math.round(Overhead.TARGET * 100),
                overhead.met() ? "met" : "NOT met");
        AdapterTargets.lines(
                        adapter,
                        plain,
                        pipelined.get(EjbWorkload.ADAPTER),
                        pipelined.get(EjbWorkload.PLAIN),
                        concurrent.get(EjbWorkload.ADAPTER),
                        concurrent.get(EjbWorkload.PLAIN))
                .forEach(System.out::println);
    }

    private static void printCpu(String mode, String run, EjbWorkload.Throughput t) {
        System.out.printf(
                Locale.ROOT,
                "# ejb-%s %s cpu_us_per_call wildfly=%.1f server=%.1f publisher=%.1f" + " (diagnostic)%n",
                mode,
                run,
                t.wildFlyCpuMicros(),
                t.serverCpuMicros(),
                t.publisherCpuMicros());
    }
}
