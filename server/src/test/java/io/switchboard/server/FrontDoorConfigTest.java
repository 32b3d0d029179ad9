package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.config.ConfigException;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ConfigOption;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import io.switchboard.server.frontdoor.OverflowPolicy;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.TcpUser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Front doors from the config file, flags and the environment; every wrong value stops the start clearly. */
class FrontDoorConfigTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static List<FrontDoorConfig> flags(String... urls) {
        return ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.FRONT_DOORS, String.join("\n", urls)))
                .server()
                .frontDoors();
    }

    @Test
    void theConfigFileListsFrontDoorsWithEveryOption() throws Exception {
        Path file = file("""
                front-doors:
                  - name: chat
                    protocol: websocket
                    host: 0.0.0.0
                    port: 7431
                    path: /chat
                    alias: chat
                    max-lines: 100
                    max-message-bytes: 1024
                    max-input-rate: 0
                    buffer-bytes: 2048
                    buffer-total-bytes: 4096
                    buffer-age: 2m
                    overflow: close
                    overflow-notice: full
                    outage-notice: "service restarting, please wait"
                    resume-notice: back
                    event-timeout: 1500ms
                    max-lines-per-address: 7
                    max-input-rate-per-address: 0
                    handshake-timeout: 2s
                    ping-interval: "off"
                  - protocol: tcp
                    port: 7430
                    alias: echo
                """);
        List<FrontDoorConfig> doors =
                ConfigLoader.load(file, Map.of(), Map.of()).server().frontDoors();
        assertThat(doors).hasSize(2);
        FrontDoorConfig chat = doors.get(0);
        assertThat(chat)
                .isEqualTo(new FrontDoorConfig(
                        "chat",
                        FrontDoorProtocol.WEBSOCKET,
                        "0.0.0.0",
                        7431,
                        "/chat",
                        "chat",
                        100,
                        1024,
                        0,
                        2048,
                        4096,
                        120_000,
                        OverflowPolicy.CLOSE,
                        "full",
                        java.util.Optional.of("service restarting, please wait"),
                        java.util.Optional.of("back"),
                        1500,
                        java.util.Optional.empty(),
                        new FrontDoorConfig.LineGuards(7, 0, 2_000, 0, 0)));
        FrontDoorConfig echo = doors.get(1);
        assertThat(echo.name()).isEqualTo("echo");
        assertThat(echo)
                .isEqualTo(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 7430, "echo")
                        .build());
    }

    @Test
    void urlsFromFlagsAndTheEnvironment() {
        List<FrontDoorConfig> doors = flags(
                "tcp://0.0.0.0:7430?alias=echo&max-input-rate=100",
                "websocket://127.0.0.1:7431/chat?alias=chat&outage-notice=service%20restarting&buffer-age=5s");
        assertThat(doors.get(0).maxInputRate()).isEqualTo(100);
        assertThat(doors.get(0).host()).isEqualTo("0.0.0.0");
        assertThat(doors.get(1).path()).isEqualTo("/chat");
        assertThat(doors.get(1).outageNotice()).contains("service restarting");
        assertThat(doors.get(1).bufferAgeMs()).isEqualTo(5_000);
        assertThat(doors.get(0).guards()).isEqualTo(FrontDoorConfig.LineGuards.DEFAULTS);
        assertThat(flags("tcp://0.0.0.0:7430?alias=echo&idle-timeout=5m&max-lines-per-address=3")
                        .get(0)
                        .guards())
                .isEqualTo(new FrontDoorConfig.LineGuards(3, 200, 10_000, 30_000, 300_000));

        List<FrontDoorConfig> fromEnv = ConfigLoader.load(
                        null,
                        Map.of(
                                "SWITCHBOARD_FRONT_DOORS",
                                "tcp://127.0.0.1:7430?alias=a  websocket://127.0.0.1:7431?alias=b"),
                        Map.of())
                .server()
                .frontDoors();
        assertThat(fromEnv).extracting(FrontDoorConfig::alias).containsExactly("a", "b");
        assertThat(fromEnv.get(1).path()).isEqualTo("/");
    }

    @Test
    void wrongValuesNameTheFrontDoorTheOptionAndTheSource() throws Exception {
        assertThatThrownBy(() -> flags("udp://127.0.0.1:7430?alias=echo"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("front door 'echo'")
                .hasMessageContaining("protocol")
                .hasMessageContaining("command line --front-door");
        assertThatThrownBy(() -> flags("tcp://127.0.0.1:7430")).hasMessageContaining("alias is required");
        assertThatThrownBy(() -> flags("tcp://127.0.0.1:7430?alias=a", "websocket://127.0.0.1:7430?alias=b"))
                .hasMessageContaining("front door 'b': port 7430 is already used by front door 'a'");
        assertThatThrownBy(() -> flags("tcp://127.0.0.1:7430?alias=a&buffer-bytes=-1"))
                .hasMessageContaining("invalid value '-1' for buffer-bytes");
        assertThatThrownBy(() -> flags("tcp://127.0.0.1:7430?alias=a&colour=blue"))
                .hasMessageContaining("unknown option 'colour'");
        assertThatThrownBy(() -> flags("tcp://127.0.0.1:7430?alias=a&event-timeout=30"))
                .hasMessageContaining("event-timeout")
                .hasMessageContaining("ms, s or m");
        assertThatThrownBy(() -> flags("tcp://127.0.0.1:7430?alias=$lines")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> flags("tcp://127.0.0.1:7430?alias=a&ping-interval=5s"))
                .hasMessageContaining("only a websocket front door has ping-interval");
        assertThatThrownBy(() -> flags("websocket://127.0.0.1:7430?alias=a&idle-timeout=5m"))
                .hasMessageContaining("only a tcp front door has idle-timeout");
        assertThatThrownBy(() -> flags("websocket://127.0.0.1:7430?alias=a&handshake-timeout=0"))
                .hasMessageContaining("handshake-timeout");
        assertThatThrownBy(() -> flags("tcp://127.0.0.1:7430?alias=a&max-lines-per-address=-1"))
                .hasMessageContaining("invalid value '-1' for max-lines-per-address");
        assertThatThrownBy(() -> flags("tcp://127.0.0.1:7420?alias=a")).hasMessageContaining("the server's own port");
        Path wrong = file("front-doors:\n  - protocol: tcp\n    port: 7430\n    alias: a\n    overflow: spill\n");
        assertThatThrownBy(() -> ConfigLoader.load(wrong, Map.of(), Map.of()))
                .hasMessageContaining("front-doors[0]")
                .hasMessageContaining("overflow");
        Path notAList = file("front-doors: tcp://127.0.0.1:7430?alias=a\n");
        assertThatThrownBy(() -> ConfigLoader.load(notAList, Map.of(), Map.of()))
                .hasMessageContaining("must be a list of mappings");
    }

    @Test
    void theLauncherTakesRepeatedFlagsAndExitsWithCodeTwoOnAWrongOne() throws Exception {
        StringWriter err = new StringWriter();
        Main main = new Main(Map.of());
        CommandLine commandLine = main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        int code = commandLine.execute(
                "--port",
                "0",
                "--front-door",
                "tcp://127.0.0.1:0?alias=a",
                "--front-door",
                "tcp://127.0.0.1:0?alias=b&max-lines=zero");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("front door 'b'").contains("max-lines");

        Main good = new Main(Map.of());
        assertThat(good.commandLine()
                        .execute(
                                "--port",
                                "0",
                                "--log-level",
                                "warn",
                                "--data-dir",
                                dir.resolve("data").toString(),
                                "--front-door",
                                "tcp://127.0.0.1:0?alias=a",
                                "--front-door",
                                "websocket://127.0.0.1:0/ws?alias=b"))
                .isZero();
        try (SwitchboardServer server = good.server();
                TcpUser user = new TcpUser(server.frontDoorPort("a"))) {
            assertThat(server.config().frontDoors()).hasSize(2);
            Awaits.until("the line is open", () -> server.frontDoorStats("a").openLines() == 1);
        }
    }
}
