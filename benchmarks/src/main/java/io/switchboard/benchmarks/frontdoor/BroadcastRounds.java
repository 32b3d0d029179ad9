package io.switchboard.benchmarks.frontdoor;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Broadcast rounds on one server and its users, one after the other: each round broadcasts {@code round N} and
 * takes the time from the call until the last user read it. A line per round as it ends:
 * {@code # round N at HH:MM:SS.sss (UTC): answered … ms, last user read … ms}.
 */
final class BroadcastRounds {

    /** A round's users must all have read its message within this; else the run fails. */
    private static final Duration ROUND_DEADLINE = Duration.ofSeconds(60);
    /** Between rounds: the loops go idle, so each round starts from idle lines. */
    private static final long PAUSE_MS = 200;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    private final BroadcastServer server;
    private final IdleLines users;
    private final int lines;
    private int round;

    BroadcastRounds(BroadcastServer server, IdleLines users, int lines) {
        this.server = server;
        this.users = users;
        this.lines = lines;
    }

    /** Rounds that are not measured: the JIT and Netty's pools warm up. */
    void warmUp(int rounds) throws Exception {
        for (int i = 0; i < rounds; i++) {
            one(true);
        }
    }

    /** The fan-out times in nanoseconds of {@code rounds} measured rounds, in the order they ran. */
    long[] measure(int rounds) throws Exception {
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            nanos[i] = one(false);
        }
        return nanos;
    }

    private long one(boolean warmUp) throws Exception {
        String message = "round " + round;
        users.expect(message);
        LocalTime startedAt = LocalTime.now(ZoneOffset.UTC);
        long start = System.nanoTime();
        int sent = server.broadcast(message);
        long answered = System.nanoTime();
        long last = users.awaitArrivals(lines, ROUND_DEADLINE);
        if (sent != lines || last < 0) {
            throw new IllegalStateException("round " + round + ": the " + server.name() + " server sent to " + sent
                    + " lines, " + users.arrived() + " of " + lines + " users read it within " + ROUND_DEADLINE);
        }
        System.out.printf(
                Locale.ROOT,
                "# round %d%s at %s: answered %.1f ms, last user read %.1f ms%n",
                round,
                warmUp ? " (warm-up)" : "",
                CLOCK.format(startedAt), // to set a slow round beside the server's GC or safepoint log (-Xlog:...:time)
                (answered - start) / 1e6,
                (last - start) / 1e6);
        round++;
        Thread.sleep(PAUSE_MS);
        return last - start;
    }
}
