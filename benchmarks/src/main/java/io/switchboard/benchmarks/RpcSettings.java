package io.switchboard.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The knobs of the RPC workload. Defaults are the documented workload; {@code --key=value} arguments
 * override them (e.g. {@code --calls=5000} for a quick smoke run).
 */
record RpcSettings(int payloadBytes, int warmupCalls, int measuredCalls, int window, Duration throughputWarmup,
                   Duration throughputRun, Duration callTimeout, Duration phaseDeadline) {

    /**
     * Warm-ups are long because on a 2-core machine C2 keeps compiling in both Switchboard JVMs for about
     * 10 s of load; shorter warm-ups measured the JIT compiler, not the steady state (up to 6x more CPU per call).
     */
    static RpcSettings defaults() {
        return new RpcSettings(64, 50_000, 50_000, 64, Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(120));
    }

    static RpcSettings fromArgs(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --key=value, got: " + arg);
            }
            int eq = arg.indexOf('=');
            given.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        RpcSettings d = defaults();
        RpcSettings settings = new RpcSettings(
                intArg(given, "payload-bytes", d.payloadBytes),
                intArg(given, "warmup-calls", d.warmupCalls),
                intArg(given, "calls", d.measuredCalls),
                intArg(given, "window", d.window),
                Duration.ofSeconds(intArg(given, "warmup-seconds", (int) d.throughputWarmup.toSeconds())),
                Duration.ofSeconds(intArg(given, "seconds", (int) d.throughputRun.toSeconds())),
                d.callTimeout, d.phaseDeadline);
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + given.keySet());
        }
        return settings;
    }

    private static int intArg(Map<String, String> given, String key, int fallback) {
        String value = given.remove(key);
        if (value == null) {
            return fallback;
        }
        int parsed = Integer.parseInt(value);
        if (parsed <= 0) {
            throw new IllegalArgumentException("--" + key + " must be positive");
        }
        return parsed;
    }
}
