package io.switchboard.benchmarks.durable;

import io.switchboard.benchmarks.Args;
import java.time.Duration;
import java.util.List;

/**
 * Options of {@code benchmarks/run durable}.
 *
 * @param mode     which durable calls: {@code async} (submit, outcome stored, notified); a {@code held} mode (calls
 *                 kept for an away publisher) is the place for the held-calls measurement
 * @param stores   {@code sqlite}, {@code postgres} or both, measured one after the other
 * @param inFlight async calls outstanding at once
 */
public record DurableSettings(String mode, List<String> stores, int inFlight, int payloadBytes, Duration warmup,
                              Duration run) {

    public static final String USAGE = "benchmarks/run durable [--mode=async] [--store=sqlite|postgres|both]"
            + " [--in-flight=N] [--payload-bytes=N] [--warmup-seconds=N] [--seconds=N]";

    public static DurableSettings fromArgs(String[] raw) {
        Args args = Args.parse(raw);
        String mode = args.oneOf("mode", "async", List.of("async"));
        String store = args.oneOf("store", "both", List.of("sqlite", "postgres", "both"));
        DurableSettings settings = new DurableSettings(mode,
                store.equals("both") ? List.of("sqlite", "postgres") : List.of(store),
                args.positiveInt("in-flight", 64), args.positiveInt("payload-bytes", 64),
                Duration.ofSeconds(args.positiveInt("warmup-seconds", 5)),
                Duration.ofSeconds(args.positiveInt("seconds", 15)));
        args.rejectUnknown();
        return settings;
    }
}
