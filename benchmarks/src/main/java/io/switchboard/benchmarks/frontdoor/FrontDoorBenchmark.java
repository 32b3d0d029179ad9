package io.switchboard.benchmarks.frontdoor;

import io.switchboard.benchmarks.Machine;
import io.switchboard.benchmarks.Stats;
import io.switchboard.benchmarks.SwitchboardServerProcess;
import io.switchboard.benchmarks.SwitchboardSystem;
import io.switchboard.client.BroadcastResult;
import io.switchboard.client.FrontDoorHandler;
import io.switchboard.client.Line;
import io.switchboard.client.LineInput;
import io.switchboard.client.Publication;
import io.switchboard.client.SwitchboardClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The front door holding many idle users: the server JVM with one front door (tcp or websocket), a handler instance
 * (a plain client) and a pusher connection in this JVM, and {@code --lines} idle users opened from this JVM.
 * Reports the server's heap after GC and RSS, before and after the lines, per line; then the time a broadcast to
 * every line takes, from the {@code $lines} broadcast call until the last user read the message.
 */
public final class FrontDoorBenchmark {

    public static final String USAGE = FrontDoorSettings.USAGE;
    static final String FRONT_DOOR = "bench-door";
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
        int port = freePort();
        String frontDoor = usersProtocol.frontDoor(
                port,
                "alias=" + FRONT_DOOR + "&max-lines=" + (lines + 1000)
                        + "&max-input-rate=0&max-lines-per-address=0&max-input-rate-per-address=0"); // all from here
        System.out.printf(
                Locale.ROOT,
                "# frontdoor: %d idle %s lines on %d %s thread(s), %d+%dx%d broadcast rounds;" + " logs in %s%n",
                lines,
                usersProtocol.label(),
                settings.ioThreads(),
                usersTransport.label(),
                settings.warmupRounds(),
                settings.repeat(),
                settings.rounds(),
                logDir.toAbsolutePath());
        try (SwitchboardServerProcess server =
                SwitchboardServerProcess.start(logDir, List.of("--front-door", frontDoor))) {
            System.out.println("# " + server.describe() + ", --front-door '" + frontDoor + "', server open-files limit "
                    + ProcessMemory.openFilesLimit(Long.toString(server.pid())));
            awaitPort(port, Duration.ofSeconds(30));
            return measure(server, port, lines, usersTransport, usersProtocol, settings);
        }
    }

    private static int measure(
            SwitchboardServerProcess server,
            int port,
            int lines,
            UsersTransport usersTransport,
            UsersProtocol usersProtocol,
            FrontDoorSettings settings)
            throws Exception {
        // Open lines as the handler knows them: the port probe's short line comes and goes, users' lines stay.
        Set<String> announced = ConcurrentHashMap.newKeySet();
        FrontDoorHandler handler = new FrontDoorHandler() {
            @Override
            public void onConnect(Line line) {
                announced.add(line.id());
            }

            @Override
            public void onDisconnect(Line line, String reason) {
                announced.remove(line.id());
            }

            @Override
            public Object onInput(Line line, LineInput input) {
                return null; // idle users send nothing
            }
        };
        try (SwitchboardClient app = SwitchboardClient.connect(
                        SwitchboardSystem.clientOptions(server.url(), "bench-front-door-handler"));
                Publication handling = app.handleFrontDoor(FRONT_DOOR, handler);
                SwitchboardClient pusher =
                        SwitchboardClient.connect(SwitchboardSystem.clientOptions(server.url(), "bench-pusher"));
                IdleLines users = new IdleLines(usersTransport, usersProtocol, settings.ioThreads())) {
            long heapBefore = ProcessMemory.heapUsedAfterGc(server.pid());
            long rssBefore = ProcessMemory.residentBytes(server.pid());
            System.out.printf(
                    Locale.ROOT,
                    "server before lines: heap_after_gc_mib=%.1f rss_mib=%.1f%n",
                    mib(heapBefore),
                    mib(rssBefore));

            long openStart = System.nanoTime();
            users.open(port, lines, Duration.ofMinutes(5));
            awaitCount("lines announced to the handler", announced::size, lines, Duration.ofMinutes(5));
            System.out.printf(
                    Locale.ROOT,
                    "# %d lines open and announced in %.1f s%n",
                    lines,
                    (System.nanoTime() - openStart) / 1e9);

            long heapAfter = ProcessMemory.heapUsedAfterGc(server.pid());
            long rssAfter = ProcessMemory.residentBytes(server.pid());
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

            BroadcastBlocks fanOut =
                    new BroadcastBlocks(broadcastRounds(pusher, users, lines, settings), settings.rounds());
            System.out.println(fanOutLine("broadcast fan-out", lines, fanOut.pooled()));
            System.out.println(fanOut.medianLine(lines));
            System.out.println(fanOut.targetLine(lines));
            System.out.printf(
                    Locale.ROOT,
                    "# lines still open: %d of %d; unexpected lines read: %d; load average %s%n",
                    users.open(),
                    lines,
                    users.unexpected(),
                    Machine.loadAverage());
            return users.open() == lines && users.unexpected() == 0 ? 0 : 1;
        }
    }

    /** {@code <what> to N lines: p50_ms=… p99_ms=… max_ms=… (R rounds)}. */
    private static String fanOutLine(String what, int lines, Stats stats) {
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

    /**
     * Fan-out times in nanoseconds of the measured rounds, {@code repeat} blocks of {@code rounds} one after the
     * other, each from the call to the last user's read. A line per block as it ends.
     */
    private static long[] broadcastRounds(
            SwitchboardClient pusher, IdleLines users, int lines, FrontDoorSettings settings)
            throws InterruptedException {
        int measuredRounds = settings.rounds() * settings.repeat();
        int total = settings.warmupRounds() + measuredRounds;
        long[] measured = new long[measuredRounds];
        for (int round = 0; round < total; round++) {
            String message = "round " + round;
            users.expect(message);
            long start = System.nanoTime();
            BroadcastResult result = pusher.lines().broadcastAll(FRONT_DOOR, message);
            long acked = System.nanoTime();
            long last = users.awaitArrivals(lines, Duration.ofSeconds(60));
            if (result.sent() != lines || last < 0) {
                throw new IllegalStateException("round " + round + ": the server sent to " + result.sent() + " lines, "
                        + users.arrived() + " of " + lines + " users read it within 60 s");
            }
            int index = round - settings.warmupRounds();
            if (index >= 0) {
                measured[index] = last - start;
            }
            System.out.printf(
                    Locale.ROOT,
                    "# round %d%s: answered %.1f ms, last user read %.1f ms%n",
                    round,
                    index < 0 ? " (warm-up)" : "",
                    (acked - start) / 1e6,
                    (last - start) / 1e6);
            if (index >= 0 && (index + 1) % settings.rounds() == 0) {
                int block = index / settings.rounds();
                Stats stats = Stats.of(Arrays.copyOfRange(measured, block * settings.rounds(), index + 1));
                System.out.println(fanOutLine(
                                "block " + (block + 1) + "/" + settings.repeat() + " broadcast fan-out", lines, stats)
                        + " load " + Machine.loadAverage());
            }
            Thread.sleep(200); // let the loops go idle: each round starts from idle lines
        }
        return measured;
    }

    private static void awaitCount(String what, IntSupplier count, int expected, Duration deadline)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (count.getAsInt() < expected) {
            if (System.nanoTime() - end > 0) {
                throw new IllegalStateException(
                        "only " + count.getAsInt() + " of " + expected + " " + what + " within " + deadline);
            }
            Thread.sleep(10);
        }
    }

    private static void awaitPort(int port, Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() - end > 0) {
                    throw new IOException("the front door did not accept on port " + port + " within " + deadline);
                }
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
