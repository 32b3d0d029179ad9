package io.switchboard.benchmarks.durable;

import io.switchboard.benchmarks.Args;
import java.time.Duration;
import java.util.List;

/**
 * Options of {@code benchmarks/run durable}.
 *
 * @param modes    which durable calls, measured one after the other on each store: {@code async} (submit, outcome
 *                 stored, notified) and {@code held} (a hold session: its steady state with the publisher there,
 *                 then calls held durably while it is away and drained when it returns)
 * @param stores   {@code sqlite}, {@code postgres} or both, measured one after the other
 * @param inFlight calls outstanding at once (held calls: not yet committed; drained calls: at the publisher)
 * @param repeat   rounds of {@code --mode=async}, each store once per round in alternating order, a fresh server and
 *                 database each time; more than one round adds median lines ({@link StoreRounds})
 */
public record DurableSettings(
        List<String> modes,
        List<String> stores,
        int inFlight,
        int payloadBytes,
        Duration warmup,
        Duration run,
        int repeat) {

    public static final String USAGE = "benchmarks/run durable [--mode=async|held|both] [--store=sqlite|postgres|both]"
            + " [--in-flight=N] [--payload-bytes=N] [--warmup-seconds=N] [--seconds=N] [--repeat=N (async only)]";

    public static DurableSettings fromArgs(String[] raw) {
        Args args = Args.parse(raw);
        String mode = args.oneOf("mode", "both", List.of("async", "held", "both"));
        String store = args.oneOf("store", "both", List.of("sqlite", "postgres", "both"));
        DurableSettings settings = new DurableSettings(
                mode.equals("both") ? List.of("async", "held") : List.of(mode),
                store.equals("both") ? List.of("sqlite", "postgres") : List.of(store),
                args.positiveInt("in-flight", 64),
                args.positiveInt("payload-bytes", 64),
                Duration.ofSeconds(args.positiveInt("warmup-seconds", 5)),
                Duration.ofSeconds(args.positiveInt("seconds", 15)),
                args.positiveInt("repeat", 1));
        args.rejectUnknown();
        if (settings.repeat > 1 && !settings.modes.equals(List.of("async"))) {
            throw new IllegalArgumentException("--repeat measures rounds of --mode=async only; add --mode=async");
        }
        if (settings.modes.contains("held") && settings.payloadBytes < NumberedPayload.MIN_SIZE) {
            throw new IllegalArgumentException("--mode=held numbers its calls in the payload: --payload-bytes must"
                    + " be at least " + NumberedPayload.MIN_SIZE);
        }
        return settings;
    }
}
