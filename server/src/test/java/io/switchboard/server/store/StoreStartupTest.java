package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that cannot be opened safely is refused with an error naming its file or URL, and its data is left
 * exactly as it was: never a fresh start over old data.
 */
class StoreStartupTest {

    @TempDir
    Path dir;

    private Path dataDir() {
        return dir.resolve("data");
    }

    private Path dbFile() {
        return dataDir().resolve(StoreSettings.SQLITE_FILE_NAME);
    }

    /** A store file holding one held call, closed (so its WAL is checkpointed into the file). */
    private void storeWithData() throws Exception {
        try (Store store = Stores.open(StoreSettings.sqliteFile(dataDir()))) {
            for (int i = 0; i < 200; i++) {
                store.holdCall(new HeldCall(
                                "c" + i, "mail", "send", new byte[512], "json", new byte[0], Instant.EPOCH, i))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftAlone() throws Exception {
        Files.createDirectories(dataDir());
        byte[] text = "these are somebody's notes, not a database\n".repeat(10).getBytes();
        Files.write(dbFile(), text);

        assertThatThrownBy(() -> Stores.open(StoreSettings.sqliteFile(dataDir())))
                .isInstanceOf(StoreStartException.class)
                .hasMessageContaining(dbFile().toAbsolutePath().toString())
                .hasMessageContaining("not a SQLite database");
        assertThat(Files.readAllBytes(dbFile())).isEqualTo(text);
    }

    @Test
    void aDamagedSqliteFileIsRefusedAndLeftAlone() throws Exception {
        storeWithData();
        byte[] bytes = Files.readAllBytes(dbFile());
        int pageSize = 4096;
        assertThat(bytes.length).isGreaterThan(3 * pageSize);
        Arrays.fill(bytes, pageSize, 2 * pageSize, (byte) 0x5A); // page 2: a table's b-tree page
        Files.write(dbFile(), bytes);

        assertThatThrownBy(() -> Stores.open(StoreSettings.sqliteFile(dataDir())))
                .isInstanceOf(StoreStartException.class)
                .hasMessageContaining(dbFile().toAbsolutePath().toString())
                .hasMessageContaining("damaged");
        assertThat(Files.readAllBytes(dbFile())).isEqualTo(bytes);
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsRefused() throws Exception {
        Files.createDirectories(dbFile());
        assertThatThrownBy(() -> Stores.open(StoreSettings.sqliteFile(dataDir())))
                .isInstanceOf(StoreStartException.class)
                .hasMessageContaining(dbFile().toAbsolutePath().toString())
                .hasMessageContaining("not a regular file");
        assertThat(dbFile()).isDirectory();
    }

    @Test
    void aWriteAheadLogWithoutItsDatabaseIsRefused() throws Exception {
        Files.createDirectories(dataDir());
        Path wal = dataDir().resolve(StoreSettings.SQLITE_FILE_NAME + "-wal");
        Files.write(wal, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Stores.open(StoreSettings.sqliteFile(dataDir())))
                .isInstanceOf(StoreStartException.class)
                .hasMessageContaining(dbFile().toAbsolutePath().toString())
                .hasMessageContaining("switchboard.db-wal is there");
        assertThat(dbFile()).doesNotExist();
        assertThat(Files.readAllBytes(wal)).containsExactly(1, 2, 3);
    }

    @Test
    void aDataDirThatCannotBeCreatedIsNamed() throws Exception {
        Files.writeString(dataDir(), "a file where the directory should be");
        assertThatThrownBy(() -> Stores.open(StoreSettings.sqliteFile(dataDir())))
                .isInstanceOf(StoreStartException.class)
                .hasMessageContaining(
                        "cannot create the data directory " + dataDir().toAbsolutePath());
    }

    @Test
    void aSqliteDatabaseOfSomethingElseIsNotMigratedOver() throws Exception {
        Files.createDirectories(dataDir());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
            s.execute("INSERT INTO customers (name) VALUES ('Ada')");
        }
        byte[] before = Files.readAllBytes(dbFile());

        assertThatThrownBy(() -> Stores.open(StoreSettings.sqliteFile(dataDir())))
                .isInstanceOf(StoreStartException.class)
                .hasMessageContaining(dbFile().toAbsolutePath().toString())
                .hasMessageContaining("another application's tables [customers]");
        assertThat(Files.readAllBytes(dbFile())).isEqualTo(before);
    }

    @Test
    void aSqliteSchemaNewerThanTheServerIsRefused() throws Exception {
        storeWithData();
        addFutureMigration(DriverManager.getConnection("jdbc:sqlite:" + dbFile()));
        byte[] before = Files.readAllBytes(dbFile());

        assertThatThrownBy(() -> Stores.open(StoreSettings.sqliteFile(dataDir())))
                .isInstanceOf(StoreStartException.class)
                .hasMessageContaining(dbFile().toAbsolutePath().toString())
                .hasMessageContaining("[99]")
                .hasMessageContaining("newer than this server knows");
        assertThat(Files.readAllBytes(dbFile())).isEqualTo(before);
    }

    @Test
    void aPostgresSchemaNewerThanTheServerIsRefused() throws Exception {
        StoreSettings settings = TestPostgres.freshDatabase();
        try (Store store = Stores.open(settings)) {
            store.holdCall(new HeldCall("kept", "mail", "send", new byte[1], "json", new byte[0], Instant.EPOCH, 1))
                    .get(30, TimeUnit.SECONDS);
        }
        addFutureMigration(postgres(settings));

        assertThatThrownBy(() -> Stores.open(settings))
                .isInstanceOf(StoreStartException.class)
                .hasMessageContaining(settings.url().orElseThrow())
                .hasMessageContaining("[99]")
                .hasMessageContaining("newer than this server knows");
        try (Connection c = postgres(settings);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT call_id FROM held_call")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
        }
    }

    @Test
    void anUnreachablePostgresIsNamed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/switchboard";
        assertThatThrownBy(() -> Stores.open(StoreSettings.postgres(url, "sb", "secret")))
                .isInstanceOf(StoreStartException.class)
                .hasMessageContaining("cannot reach the PostgreSQL store at " + url)
                .hasMessageNotContaining("secret");
    }

    @Test
    void aMissingPostgresDatabaseIsNamed() {
        String url = TestPostgres.jdbcUrl("no_such_database");
        assertThatThrownBy(() -> Stores.open(StoreSettings.postgres(url, TestPostgres.USER, null)))
                .isInstanceOf(StoreStartException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("no_such_database");
    }

    private static Connection postgres(StoreSettings settings) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", settings.user().orElseThrow());
        return DriverManager.getConnection(settings.url().orElseThrow(), p);
    }

    /** What a newer server would leave: a successful migration this one does not have. */
    private static void addFutureMigration(Connection connection) throws SQLException {
        try (connection;
                Statement s = connection.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success)"
                    + " VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test', 1, TRUE)");
        }
    }
}
