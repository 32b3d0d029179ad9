package io.switchboard.benchmarks.frontdoor;

import io.switchboard.benchmarks.Machine;
import io.switchboard.benchmarks.Stats;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The front door holding many idle users: the server JVM with one front door (tcp or websocket), a handler instance
 * (a plain client) and a pusher connection in this JVM, and {@code --lines} idle users opened from this JVM
 * ({@link SwitchboardDoor}). Reports the server's heap after GC and RSS, before and after the lines, per line; then
 * the time a broadcast to every line takes, from the {@code $lines} broadcast call until the last user read the
 * message, in blocks of rounds. With {@code --floor}, no memory figures: blocks on the server and on the raw Netty
 * floor under it take turns ({@link FloorComparison}).
 */
public final class FrontDoorBenchmark {

    public static final String USAGE = FrontDoorSettings.USAGE;
    /** Files this JVM and the server need besides the lines (jars, epoll, client connections). */
    private static final int FD_RESERVE = 300;

    private static final long TARGET_HEAP = 1L << 30;
    private static final int TARGET_LINES = BroadcastBlocks.TARGET_LINES;

    private FrontDoorBenchmark() {}

    public static int run(String[] args, Path logDir) throws Exception {
        FrontDoorSettings settings;
        try {
            settings = FrontDoorSettings.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: " + USAGE);
            return 2;
        }
        System.out.println("# machine: " + Machine.describe());
        int lines = settings.lines();
        long ownLimit = ProcessMemory.openFilesLimit("self");
        if (ownLimit > 0 && lines > ownLimit - FD_RESERVE) {
            lines = (int) (ownLimit - FD_RESERVE);
            System.out.printf(
                    Locale.ROOT,
                    "# NOTE: the open-files limit is %d (ulimit -n could not raise it), so %d"
                            + " lines are measured instead of %d; per-line figures are scaled to %d lines%n",
                    ownLimit,
                    lines,
                    settings.lines(),
                    TARGET_LINES);
        }
        UsersTransport usersTransport = UsersTransport.choose(settings.usersTransport()); // once: header and users
        UsersProtocol usersProtocol = UsersProtocol.of(settings.usersProtocol());
        System.out.printf(
                Locale.ROOT,
                "# frontdoor: %d idle %s lines on %d %s thread(s) %s (collector %s), %d+%dx%d broadcast rounds%s;"
                        + " logs in %s%n",
                lines,
                usersProtocol.label(),
                settings.ioThreads(),
                usersTransport.label(),
                settings.usersPollMicros() == 0
                        ? "sleeping when idle"
                        : "polling " + settings.usersPollMicros() + " us before they sleep",
                collector(),
                settings.warmupRounds(),
                settings.repeat(),
                settings.rounds(),
                settings.againstFloor() ? " on each of switchboard and the floor, blocks taking turns" : "",
                logDir.toAbsolutePath());
        if (settings.againstFloor()) {
            return FloorComparison.run(logDir, lines, usersTransport, settings);
        }
        try (SwitchboardDoor door = SwitchboardDoor.start(logDir, usersProtocol, lines)) {
            System.out.println("# " + door.describe());
            return measure(door, lines, usersTransport, usersProtocol, settings);
        }
    }

    private static int measure(
            SwitchboardDoor door,
            int lines,
            UsersTransport usersTransport,
            UsersProtocol usersProtocol,
            FrontDoorSettings settings)
            throws Exception {
        try (IdleLines users =
                new IdleLines(usersTransport, settings.usersPollMicros(), usersProtocol, settings.ioThreads())) {
            long heapBefore = ProcessMemory.heapUsedAfterGc(door.pid());
            long rssBefore = ProcessMemory.residentBytes(door.pid());
            System.out.printf(
                    Locale.ROOT,
                    "server before lines: heap_after_gc_mib=%.1f rss_mib=%.1f%n",
                    mib(heapBefore),
                    mib(rssBefore));

            openLines(door, users, lines);

            long heapAfter = ProcessMemory.heapUsedAfterGc(door.pid());
            long rssAfter = ProcessMemory.residentBytes(door.pid());
            double heapPerLine = (heapAfter - heapBefore) / (double) lines;
            double rssPerLine = (rssAfter - rssBefore) / (double) lines;
            System.out.printf(
                    Locale.ROOT,
                    "server with %d lines: heap_after_gc_mib=%.1f rss_mib=%.1f%n",
                    lines,
                    mib(heapAfter),
                    mib(rssAfter));
            System.out.printf(Locale.ROOT, "per line: heap_bytes=%.0f rss_bytes=%.0f%n", heapPerLine, rssPerLine);
            double heapAt20k = heapBefore + heapPerLine * TARGET_LINES;
            System.out.printf(
                    Locale.ROOT,
                    "target heap < 1 GiB at %d lines: %s (%.1f MiB%s)%n",
                    TARGET_LINES,
                    heapAt20k < TARGET_HEAP ? "met" : "NOT met",
                    mib((long) heapAt20k),
                    lines == TARGET_LINES ? "" : ", scaled from " + lines + " lines");

            BroadcastRounds rounds = new BroadcastRounds(door, users, lines);
            rounds.warmUp(settings.warmupRounds());
            long[] measured = new long[settings.rounds() * settings.repeat()];
            for (int block = 0; block < settings.repeat(); block++) {
                long[] nanos = rounds.measure(settings.rounds());
                System.arraycopy(nanos, 0, measured, block * nanos.length, nanos.length);
                System.out.println(fanOutLine(
                                "block " + (block + 1) + "/" + settings.repeat() + " broadcast fan-out",
                                lines,
                                Stats.of(nanos))
                        + " load " + Machine.loadAverage());
            }
            BroadcastBlocks fanOut = new BroadcastBlocks(measured, settings.rounds());
            System.out.println(fanOutLine("broadcast fan-out", lines, fanOut.pooled()));
            System.out.println(fanOut.medianLine(lines));
            System.out.println(fanOut.targetLine(lines));
            return usersStillThere(users, lines);
        }
    }

    /** Opens the users' lines and waits until the server holds them all. */
    static void openLines(BroadcastServer server, IdleLines users, int lines) throws Exception {
        long openStart = System.nanoTime();
        users.open(server.usersPort(), lines, Duration.ofMinutes(5));
        server.awaitLines(lines, Duration.ofMinutes(5));
        System.out.printf(
                Locale.ROOT,
                "# %d lines open and held by the %s server in %.1f s%n",
                lines,
                server.name(),
                (System.nanoTime() - openStart) / 1e9);
    }

    /** 0 when every line is still open and no user read anything unexpected, else 1; with a line saying which. */
    static int usersStillThere(IdleLines users, int lines) {
        System.out.printf(
                Locale.ROOT,
                "# lines still open: %d of %d; unexpected lines read: %d; load average %s%n",
                users.open(),
                lines,
                users.unexpected(),
                Machine.loadAverage());
        return users.open() == lines && users.unexpected() == 0 ? 0 : 1;
    }

    /** {@code <what> to N lines: p50_ms=… p99_ms=… max_ms=… (R rounds)}. */
    static String fanOutLine(String what, int lines, Stats stats) {
        return String.format(
                Locale.ROOT,
                "%s to %d lines: p50_ms=%.1f p99_ms=%.1f max_ms=%.1f (%d rounds)",
                what,
                lines,
                stats.percentileMicros(50) / 1000,
                stats.percentileMicros(99) / 1000,
                stats.percentileMicros(100) / 1000,
                stats.count());
    }

    /** This JVM's garbage collectors, as the JVM names them ({@code PS Scavenge+PS MarkSweep} for the parallel one). */
    static String collector() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining("+"));
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
