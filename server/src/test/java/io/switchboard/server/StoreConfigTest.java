package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.config.ConfigException;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ConfigOption;
import io.switchboard.server.store.HeldCall;
import io.switchboard.server.store.Store;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.Stores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The store options (data-dir, store-url, store-user, store-password) and what the launcher does when the store
 * cannot be opened: exit code 1, the file or URL named, the data untouched.
 */
class StoreConfigTest {

    @TempDir
    Path dir;

    private record Run(int code, String err, Main main) {}

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main(env);
        CommandLine commandLine = main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, err.toString(), main);
    }

    @Test
    void launcherDefaultIsTheSqliteFileInDataBuilderDefaultIsInMemory() {
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).server().store())
                .isEqualTo(StoreSettings.sqliteFile(Path.of("data")));
        assertThat(ServerConfig.builder().build().store()).isEqualTo(StoreSettings.inMemory());
    }

    @Test
    void dataDirFromTheFile() throws Exception {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, "data-dir: /var/lib/switchboard\n");
        assertThat(ConfigLoader.load(file, Map.of(), Map.of()).server().store().sqliteFile())
                .contains(Path.of("/var/lib/switchboard/switchboard.db"));
    }

    @Test
    void postgresUrlWithUserAndPasswordFromTheEnvironment() {
        StoreSettings store = ConfigLoader.load(
                        null,
                        Map.of("SWITCHBOARD_STORE_PASSWORD", "s3cret"),
                        Map.of(
                                ConfigOption.STORE_URL,
                                "jdbc:postgresql://db:5432/switchboard",
                                ConfigOption.STORE_USER,
                                "sb"))
                .server()
                .store();
        assertThat(store.kind()).isEqualTo(StoreSettings.Kind.POSTGRESQL);
        assertThat(store.url()).contains("jdbc:postgresql://db:5432/switchboard");
        assertThat(store.user()).contains("sb");
        assertThat(store.password()).contains("s3cret");
        assertThat(store.toString()).doesNotContain("s3cret");
    }

    @Test
    void aStoreUrlThatIsNotPostgresIsAConfigError() {
        assertThatThrownBy(
                        () -> ConfigLoader.load(null, Map.of("SWITCHBOARD_STORE_URL", "jdbc:mysql://db/x"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("store-url")
                .hasMessageContaining("environment variable SWITCHBOARD_STORE_URL");
    }

    @Test
    void credentialsWithoutAStoreUrlAreAConfigError() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SWITCHBOARD_STORE_PASSWORD", "x"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("store-password is set (from environment variable SWITCHBOARD_STORE_PASSWORD)");
        Run run = run(Map.of(), "--store-user", "sb", "--data-dir", dir.toString());
        assertThat(run.code()).isEqualTo(Main.EXIT_CONFIG);
    }

    @Test
    void launcherCreatesTheDataDirAndItsFile() throws Exception {
        Path dataDir = dir.resolve("new").resolve("data");
        Run run = run(Map.of(), "--port", "0", "--log-level", "warn", "--data-dir", dataDir.toString());
        assertThat(run.code()).isZero();
        try (SwitchboardServer server = run.main().server()) {
            assertThat(dataDir.resolve("switchboard.db")).isRegularFile();
        }
    }

    @Test
    void launcherExitsWithOneOnAFileThatIsNotSqlite() throws Exception {
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Path file = dataDir.resolve("switchboard.db");
        byte[] text = "not a database at all, but somebody's data all the same\n"
                .repeat(4)
                .getBytes();
        Files.write(file, text);

        Run run = run(Map.of(), "--port", "0", "--data-dir", dataDir.toString());
        assertThat(run.code()).isEqualTo(Main.EXIT_START);
        assertThat(run.err())
                .contains("cannot start")
                .contains(file.toAbsolutePath().toString());
        assertThat(run.main().server()).isNull();
        assertThat(Files.readAllBytes(file)).isEqualTo(text);
    }

    @Test
    void launcherExitsWithOneOnASchemaNewerThanItKnows() throws Exception {
        Path dataDir = dir.resolve("data");
        try (Store store = Stores.open(StoreSettings.sqliteFile(dataDir))) {
            store.holdCall(new HeldCall("kept", "mail", "send", new byte[] {1}, "json", new byte[0], Instant.EPOCH, 1))
                    .get(30, TimeUnit.SECONDS);
        }
        Path file = dataDir.resolve("switchboard.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success)"
                    + " VALUES (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test', 1, TRUE)");
        }
        byte[] before = Files.readAllBytes(file);

        Run run = run(Map.of(), "--port", "0", "--data-dir", dataDir.toString());
        assertThat(run.code()).isEqualTo(Main.EXIT_START);
        assertThat(run.err()).contains(file.toAbsolutePath().toString()).contains("newer than this server knows");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void launcherExitsWithOneOnAnUnreachablePostgres() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/switchboard";
        Run run = run(
                Map.of("SWITCHBOARD_STORE_PASSWORD", "s3cret"),
                "--port",
                "0",
                "--store-url",
                url,
                "--store-user",
                "sb");
        assertThat(run.code()).isEqualTo(Main.EXIT_START);
        assertThat(run.err())
                .contains("cannot reach the PostgreSQL store at " + url)
                .doesNotContain("s3cret");
        assertThat(run.main().server()).isNull();
    }
}
