package io.switchboard.benchmarks;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code benchmarks/run floor}: the floor alone ({@link FloorSystem}), measured with the rpc workload's loops and
 * knobs (sequential p50/p99, then throughput with {@code --window} calls in flight). {@code rpc} measures it too,
 * interleaved with Switchboard and NATS; this is for looking at the floor by itself.
 */
final class FloorBenchmark {

    static final String USAGE = "benchmarks/run floor [--calls=N] [--warmup-calls=N] [--window=N] [--seconds=N]"
            + " [--warmup-seconds=N] [--payload-bytes=N]";

    private FloorBenchmark() {}

    static int run(String[] args, Path logDir) throws Exception {
        RpcSettings settings;
        try {
            settings = RpcSettings.fromArgs(args);
            if (settings.tls() || settings.auth() || settings.metrics() || settings.compression()) {
                throw new IllegalArgumentException(
                        "--tls, --auth, --metrics and --compression do not apply: the floor has no protocol");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: " + USAGE);
            return 2;
        }
        System.out.printf(
                Locale.ROOT,
                "# floor: caller -> relay -> echo -> relay -> caller, %d-byte payload, loopback; latency: %d warm-up"
                        + " + %d measured sequential calls; throughput: %d in flight, %ds warm-up + %ds measured;"
                        + " logs in %s%n",
                settings.payloadBytes(),
                settings.warmupCalls(),
                settings.measuredCalls(),
                settings.window(),
                settings.throughputWarmup().toSeconds(),
                settings.throughputRun().toSeconds(),
                logDir.toAbsolutePath());
        System.out.println("# machine: " + Machine.describe());
        byte[] body = new byte[settings.payloadBytes()];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        try (FloorSystem floor = FloorSystem.start(logDir, settings.payloadBytes())) {
            System.out.println("# floor: " + floor.describe());
            RpcWorkload workload = new RpcWorkload(settings, body);
            LatencyResult latency = workload.latency(floor);
            System.out.printf(
                    Locale.ROOT, "floor latency_us p50=%.1f p99=%.1f%n", latency.p50Micros(), latency.p99Micros());
            ThroughputResult throughput = workload.throughput(floor);
            System.out.printf(Locale.ROOT, "floor throughput calls_per_s=%.0f%n", throughput.callsPerSecond());
            System.out.printf(
                    Locale.ROOT,
                    "# floor cpu_us_per_call relay=%.1f clients=%.1f (throughput run, diagnostic) %s%n",
                    throughput.serverCpuMicrosPerCall(),
                    throughput.clientCpuMicrosPerCall(),
                    MachineLoad.now().describe());
        }
        System.out.println("# load average at the end: " + Machine.loadAverage());
        return 0;
    }
}
