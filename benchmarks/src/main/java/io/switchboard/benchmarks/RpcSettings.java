package io.switchboard.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * The knobs of the RPC workload. Defaults are the documented workload; {@code --key=value} arguments
 * override them (e.g. {@code --calls=5000} for a quick smoke run). {@code rounds} and {@code sliceRun} shape the
 * side-by-side comparisons ({@link AbbaRuns}) of {@code --auth} and {@code --metrics}; {@code repeat} is how many
 * interleaved rounds the comparison with NATS and the floor runs ({@link InterleavedRounds}); {@code scrapeEvery} is how often {@code --metrics} reads the monitoring
 * port (15 s, a usual Prometheus scrape interval; 1 for a dashboard left open).
 */
record RpcSettings(
        int payloadBytes,
        int warmupCalls,
        int measuredCalls,
        int window,
        Duration throughputWarmup,
        Duration throughputRun,
        Duration callTimeout,
        Duration phaseDeadline,
        boolean compression,
        boolean tls,
        boolean auth,
        boolean metrics,
        int rounds,
        Duration sliceRun,
        Duration scrapeEvery,
        int repeat) {

    /**
     * Warm-ups are long because on a 2-core machine C2 keeps compiling in both Switchboard JVMs for about
     * 10 s of load; shorter warm-ups measured the JIT compiler, not the steady state (up to 6x more CPU per call).
     */
    static RpcSettings defaults() {
        return new RpcSettings(
                64,
                50_000,
                50_000,
                64,
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofSeconds(120),
                false,
                false,
                false,
                false,
                4,
                Duration.ofSeconds(3),
                Duration.ofSeconds(15),
                3);
    }

    static RpcSettings fromArgs(String[] args) {
        Args given = Args.parse(args);
        RpcSettings d = defaults();
        RpcSettings settings = new RpcSettings(
                given.positiveInt("payload-bytes", d.payloadBytes),
                given.positiveInt("warmup-calls", d.warmupCalls),
                given.positiveInt("calls", d.measuredCalls),
                given.positiveInt("window", d.window),
                Duration.ofSeconds(given.positiveInt("warmup-seconds", (int) d.throughputWarmup.toSeconds())),
                Duration.ofSeconds(given.positiveInt("seconds", (int) d.throughputRun.toSeconds())),
                d.callTimeout,
                d.phaseDeadline,
                given.oneOf("compression", "off", List.of("off", "deflate")).equals("deflate"),
                given.flag("tls"),
                given.flag("auth"),
                given.flag("metrics"),
                given.positiveInt("rounds", d.rounds),
                Duration.ofSeconds(given.positiveInt("slice-seconds", (int) d.sliceRun.toSeconds())),
                Duration.ofSeconds(given.positiveInt("scrape-seconds", (int) d.scrapeEvery.toSeconds())),
                given.positiveInt("repeat", d.repeat));
        given.rejectUnknown();
        return settings;
    }

    /** These settings with {@code rounds} rounds: the NATS and floor comparison runs {@link #repeat} of them. */
    RpcSettings withRounds(int rounds) {
        return new RpcSettings(
                payloadBytes,
                warmupCalls,
                measuredCalls,
                window,
                throughputWarmup,
                throughputRun,
                callTimeout,
                phaseDeadline,
                compression,
                tls,
                auth,
                metrics,
                rounds,
                sliceRun,
                scrapeEvery,
                repeat);
    }
}
