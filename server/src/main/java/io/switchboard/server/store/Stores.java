package io.switchboard.server.store;

import io.switchboard.server.logging.LogId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the {@link Store} that {@link StoreSettings} describe: checked, migrated, ready. */
public final class Stores {

    private static final Logger log = LoggerFactory.getLogger(Stores.class);

    /** Writes per transaction at most: bounds a transaction's size and the latency of its first write. */
    static final int MAX_BATCH = 1024;
    /** Writes waiting at most; past that a write fails at once rather than blocking its caller. */
    static final int QUEUE_CAPACITY = 65_536;

    static final long CLOSE_TIMEOUT_MS = 10_000;
    static final int READ_CONNECTIONS = 4;
    /** How long a SQLite connection waits for a lock held by another process (a backup, say). */
    static final int SQLITE_BUSY_TIMEOUT_MS = 5_000;

    static final int POSTGRES_CONNECT_TIMEOUT_S = 10;

    private static final AtomicLong MEMORY_STORES = new AtomicLong();

    private Stores() {}

    /**
     * Opens, checks and migrates the store. A {@link StoreStartException} naming the file or URL when it cannot:
     * the data is then left as it was.
     */
    public static Store open(StoreSettings settings) {
        switch (settings.kind()) {
            case SQLITE_FILE:
                return openSqliteFile(settings.dataDir().orElseThrow());
            case SQLITE_MEMORY:
                return openSqliteMemory();
            default:
                return openPostgres(settings);
        }
    }

    private static Store openSqliteFile(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreStartException("cannot create the data directory " + dataDir.toAbsolutePath() + ": " + e, e);
        }
        Path file = dataDir.resolve(StoreSettings.SQLITE_FILE_NAME).toAbsolutePath();
        String location = file.toString();
        SqliteFileCheck.check(file);
        ConnectionFactory factory = sqliteConnections("jdbc:sqlite:" + file);
        String version = SchemaMigrations.migrate(location, new FactoryDataSource(factory));
        Store store = assemble(location, factory, false, null);
        log.info(
                "{} store: SQLite file {} (WAL, synchronous=FULL), schema version {}",
                LogId.STORE_OPENED,
                location,
                version);
        return store;
    }

    /**
     * A named in-memory database in shared-cache mode, so Flyway's connections reach the same database; it lives
     * while the writer's connection is open. Reads share the writer's connection.
     */
    private static Store openSqliteMemory() {
        String name = "switchboard-memory-" + MEMORY_STORES.incrementAndGet();
        String location = "sqlite in-memory database " + name;
        ConnectionFactory factory = sqliteConnections("jdbc:sqlite:file:" + name + "?mode=memory&cache=shared");
        try (Connection keepAlive = factory.open()) {
            SchemaMigrations.migrate(location, new FactoryDataSource(factory));
            return assemble(location, factory, true, null);
        } catch (SQLException e) {
            throw new StoreStartException("store " + location + ": cannot open: " + e.getMessage(), e);
        }
    }

    private static Store openPostgres(StoreSettings settings) {
        String url = settings.url().orElseThrow();
        Properties properties = new Properties();
        settings.user().ifPresent(user -> properties.setProperty("user", user));
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        // Every wait has a deadline: an unreachable or silent server fails the start instead of hanging it.
        properties.setProperty("connectTimeout", String.valueOf(POSTGRES_CONNECT_TIMEOUT_S));
        properties.setProperty("loginTimeout", String.valueOf(POSTGRES_CONNECT_TIMEOUT_S));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "switchboard");
        // A JDBC batch of inserts goes as multi-row INSERTs: far less work per row for the server. Their update
        // counts are then unknown (SUCCESS_NO_INFO), which no insert of the store reads.
        properties.setProperty("reWriteBatchedInserts", "true");
        ConnectionFactory factory = () -> DriverManager.getConnection(url, properties);
        try (Connection probe = factory.open()) {
            probe.isValid(POSTGRES_CONNECT_TIMEOUT_S);
        } catch (SQLException e) {
            throw new StoreStartException("cannot reach the PostgreSQL store at " + url + ": " + e.getMessage(), e);
        }
        String version = SchemaMigrations.migrate(url, new FactoryDataSource(factory));
        // The cluster's JDBC_PING2 opens its connections from the same factory: no second pool, same timeouts.
        Store store = assemble(url, factory, false, new FactoryDataSource(factory));
        log.info("{} store: PostgreSQL {}, schema version {}", LogId.STORE_OPENED, url, version);
        return store;
    }

    private static Store assemble(
            String location, ConnectionFactory factory, boolean readsShareWriter, DataSource shared) {
        Lock lock = new ReentrantLock();
        GroupCommitWriter writer;
        try {
            writer = new GroupCommitWriter(location, factory, lock, MAX_BATCH, QUEUE_CAPACITY);
        } catch (SQLException e) {
            throw new StoreStartException(
                    "store " + location + ": cannot open the writer's connection: " + e.getMessage(), e);
        }
        ReadConnections reads = readsShareWriter
                ? ReadConnections.sharedWithWriter(location, writer::connection, lock)
                : ReadConnections.pooled(location, factory, READ_CONNECTIONS);
        return new JdbcStore(location, writer, reads, CLOSE_TIMEOUT_MS, shared);
    }

    /**
     * SQLite connections in WAL mode (readers never block the writer) with synchronous=FULL: every commit is
     * fsynced, so an acknowledged write survives a power loss too, not only a crash of the server; group commit
     * makes that one fsync per batch instead of one per write.
     */
    private static ConnectionFactory sqliteConnections(String url) {
        return () -> {
            Connection connection = DriverManager.getConnection(url);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + SQLITE_BUSY_TIMEOUT_MS);
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = FULL");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        };
    }
}
