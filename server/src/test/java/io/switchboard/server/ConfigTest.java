package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.config.ConfigException;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ConfigOption;
import io.switchboard.server.config.LoadedConfig;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.testing.TestPeer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void defaultsMatchTheBuilder() {
        LoadedConfig loaded = ConfigLoader.load(null, Map.of(), Map.of());
        // ...except the store: the launcher's is the file in ./data, the builder's SQLite in memory (StoreConfigTest).
        assertThat(loaded.server().toString())
                .isEqualTo(ServerConfig.builder()
                        .store(StoreSettings.sqliteFile(Path.of("data")))
                        .build()
                        .toString());
        assertThat(loaded.logLevel()).isEqualTo("INFO");
        assertThat(loaded.logFile()).isEmpty();
    }

    @Test
    void fileThenEnvironmentThenFlags() throws Exception {
        Path file = file("""
                name: from-file
                aliases: [a, b]
                port: 1111
                max-frame-size: 2048
                heartbeat-ms: 5000
                admin-token: file-token
                """);
        Map<String, String> env = Map.of("SWITCHBOARD_PORT", "2222", "SWITCHBOARD_MAX_FRAME_SIZE", "4096");
        Map<ConfigOption, String> cli = Map.of(ConfigOption.PORT, "3333", ConfigOption.LOG_LEVEL, "debug");
        LoadedConfig loaded = ConfigLoader.load(file, env, cli);
        ServerConfig config = loaded.server();
        assertThat(config.name()).isEqualTo("from-file");
        assertThat(config.aliases()).containsExactly("a", "b");
        assertThat(config.port()).isEqualTo(3333);
        assertThat(config.maxFrameSize()).isEqualTo(4096);
        assertThat(config.heartbeatMs()).isEqualTo(5000);
        assertThat(config.adminToken()).contains("file-token");
        assertThat(config.handshakeTimeoutMs()).isEqualTo(10_000);
        assertThat(loaded.logLevel()).isEqualTo("DEBUG");
    }

    @Test
    void configFileCanComeFromTheEnvironment() throws Exception {
        Path file = file("unix-socket: /tmp/x.sock\n");
        LoadedConfig loaded = ConfigLoader.load(null, Map.of("SWITCHBOARD_CONFIG", file.toString()), Map.of());
        assertThat(loaded.server().unixSocket()).contains(Path.of("/tmp/x.sock"));
    }

    @Test
    void errorsNameTheOptionAndWhereItCameFrom() throws Exception {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SWITCHBOARD_MAX_FRAME_SIZE", "big"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value 'big' for max-frame-size from environment variable "
                        + "SWITCHBOARD_MAX_FRAME_SIZE: expected a whole number");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.SHUTDOWN_GRACE_MS, "-1")))
                .hasMessageContaining("shutdown-grace-ms from command line --shutdown-grace-ms: must be 0 or more");
        Path unknown = file("max-frame: 10\n");
        assertThatThrownBy(() -> ConfigLoader.load(unknown, Map.of(), Map.of()))
                .hasMessageContaining("unknown option 'max-frame' in config file");
        Path minMax = file("min-heartbeat-ms: 5000\nmax-heartbeat-ms: 1000\n");
        assertThatThrownBy(() -> ConfigLoader.load(minMax, Map.of(), Map.of()))
                .hasMessageContaining("min-heartbeat-ms (5000) must not exceed max-heartbeat-ms (1000)")
                .hasMessageContaining("min-heartbeat-ms from config file");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), Map.of(), Map.of()))
                .hasMessageContaining("missing.yaml does not exist");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.LOG_LEVEL, "loud")))
                .hasMessageContaining("log-level");
        assertThatThrownBy(() -> ConfigLoader.load(
                        null, Map.of(), Map.of(ConfigOption.MAX_PENDING_BYTES_PER_CONNECTION, "1048576")))
                .hasMessageContaining(
                        "max-pending-bytes-per-connection (1048576) must be at least twice max-frame-size");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.MAX_CONNECTIONS, "0")))
                .hasMessageContaining("max-connections");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.PORT, "70000")))
                .hasMessageContaining("port must be 0..65535")
                .hasMessageContaining("command line --port");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SWITCHBOARD_IO_SPIN_MICROS", "1001"), Map.of()))
                .hasMessageContaining("io-spin-micros must be 0..1000, was 1001")
                .hasMessageContaining("environment variable SWITCHBOARD_IO_SPIN_MICROS");
    }

    @Test
    void ioSpinIsOffUnlessGiven() throws Exception {
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).server().ioSpinMicros())
                .isZero();
        assertThat(ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.IO_SPIN_MICROS, "20"))
                        .server()
                        .ioSpinMicros())
                .isEqualTo(20);
    }

    @Test
    void ioSpinStopsAboveFiftyThousandCallsASecondUnlessToldOtherwise() throws Exception {
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).server().ioSpinMaxCallsPerSecond())
                .isEqualTo(50_000);
        assertThat(ConfigLoader.load(null, Map.of("SWITCHBOARD_IO_SPIN_MAX_CALLS_PER_SECOND", "0"), Map.of())
                        .server()
                        .ioSpinMaxCallsPerSecond())
                .isZero();
        assertThatThrownBy(() ->
                        ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.IO_SPIN_MAX_CALLS_PER_SECOND, "-1")))
                .hasMessageContaining("io-spin-max-calls-per-second")
                .hasMessageContaining("must be 0 or more");
    }

    private record Run(int code, String out, String err, Main main) {}

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main main = new Main(env);
        CommandLine commandLine = main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString(), main);
    }

    @Test
    void invalidValueExitsWithCodeTwoAndOneLine() {
        Run run = run(Map.of(), "--max-frame-size", "-5");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("max-frame-size").contains("command line --max-frame-size");
        assertThat(run.main().server()).isNull();
    }

    @Test
    void unknownFlagAndMissingFileExitWithCodeTwo() throws Exception {
        Run unknown = run(Map.of(), "--no-such-flag");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err().strip().lines()).hasSize(1);
        Run missing = run(Map.of(), "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml");
        Run badFile = run(Map.of(), "--config", file("port: [1, 2]\nbogus: 1\n").toString());
        assertThat(badFile.code()).isEqualTo(2);
        assertThat(badFile.err()).contains("bogus");
    }

    @Test
    void helpDocumentsEveryOptionWithItsDefault() {
        Run run = run(Map.of(), "--help");
        assertThat(run.code()).isZero();
        for (ConfigOption option : ConfigOption.values()) {
            assertThat(run.out()).contains(option.flag()).contains(option.envVar());
        }
        assertThat(run.out()).contains("Default: 1048576").contains("--config");
    }

    @Test
    void startsTheServerFromFlags() throws Exception {
        Run run = run(
                Map.of("SWITCHBOARD_NAME", "env-name"),
                "--port",
                "0",
                "--log-level",
                "warn",
                "--data-dir",
                dir.resolve("data").toString());
        assertThat(run.code()).isZero();
        try (SwitchboardServer server = run.main().server();
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            assertThat(peer.hello().server()).isEqualTo("env-name");
            assertThat(server.config().aliases()).isEqualTo(List.of());
        }
    }
}
