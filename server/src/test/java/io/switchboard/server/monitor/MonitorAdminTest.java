package io.switchboard.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Hello;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.ServerStartException;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ConfigOption;
import io.switchboard.server.testing.TestPeer;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kicking a connection, and what the monitoring port's configuration refuses. */
class MonitorAdminTest {

    @Test
    void kickClosesTheConnectionTellingItWhy() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                        ServerConfig.builder().port(0).monitorPort(0).build());
                TestPeer victim = TestPeer.binary(server.tcpPort());
                TestPeer bystander = TestPeer.binary(server.tcpPort())) {
            MonitorClient http = MonitorClient.plain(server.monitorPort());
            victim.helloWith(new Hello(Protocol.VERSION, "victim", List.of("json"), null, null));
            bystander.helloWith(new Hello(Protocol.VERSION, "bystander", List.of("json"), null, null));
            long cid = -1;
            for (JsonNode row : http.get("/connz").json().get("connections")) {
                if (row.get("client_name").asText().equals("victim")) {
                    cid = row.get("cid").asLong();
                }
            }
            assertThat(cid).isPositive();

            MonitorClient.Reply kicked = http.post("/admin/kick?cid=" + cid);
            assertThat(kicked.status()).isEqualTo(200);
            assertThat(kicked.json().get("kicked").asLong()).isEqualTo(cid);
            ErrorMessage why = victim.expect(ErrorMessage.class);
            assertThat(why.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(why.req()).isZero();
            assertThat(why.message()).contains("kicked");
            victim.awaitClosed();
            assertThat(http.get("/connz").json().get("total").asInt()).isEqualTo(1);

            MonitorClient.Reply unknown = http.post("/admin/kick?cid=" + cid);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("error").asText()).isEqualTo("not-found");
            assertThat(http.post("/admin/kick").status()).isEqualTo(400);
            assertThat(http.post("/admin/kick?cid=abc").status()).isEqualTo(400);
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtOnce() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                ServerConfig.builder().port(0).monitorPort(0).build())) {
            MonitorClient http = MonitorClient.plain(server.monitorPort());
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < MonitorPipeline.MAX_CONNECTIONS; i++) {
                    open.add(new Socket("127.0.0.1", server.monitorPort()));
                }
                // One more connection: closed without an answer.
                try (Socket extra = new Socket("127.0.0.1", server.monitorPort())) {
                    extra.setSoTimeout(20_000);
                    extra.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                    int first;
                    try {
                        first = extra.getInputStream().read();
                    } catch (java.net.SocketException reset) {
                        first = -1;
                    }
                    assertThat(first).isEqualTo(-1);
                }
            } finally {
                for (Socket socket : open) {
                    socket.close();
                }
            }
            // The closed ones free their places.
            long deadline = System.nanoTime() + 20_000_000_000L;
            int status = 0;
            while (status != 200 && System.nanoTime() - deadline < 0) {
                try {
                    status = http.get("/healthz").status();
                } catch (java.io.IOException notYet) {
                    Thread.sleep(50);
                }
            }
            assertThat(status).isEqualTo(200);
        }
    }

    @Test
    void aNonLoopbackMonitorHostWithoutAuthIsAConfigError() {
        ServerConfig open = ServerConfig.builder()
                .port(0)
                .monitorPort(0)
                .monitorHost("0.0.0.0")
                .build();
        assertThatThrownBy(() -> SwitchboardServer.start(open))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("monitor-host")
                .satisfies(e ->
                        assertThat(((ServerStartException) e).isConfigError()).isTrue());
    }

    @Test
    void aNonLoopbackMonitorHostMayBeOpenedOnPurpose() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .monitorPort(0)
                .monitorHost("0.0.0.0")
                .monitorAllowUnauthenticated(true)
                .build())) {
            assertThat(MonitorClient.plain(server.monitorPort()).get("/healthz").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void theOptionsComeFromTheEnvironmentAndBadValuesNameTheOption() {
        ServerConfig config = ConfigLoader.load(
                        null,
                        Map.of("SWITCHBOARD_MONITOR_PORT", "8222", "SWITCHBOARD_MONITOR_TLS", "false"),
                        Map.of(ConfigOption.MONITOR_HOST, "::1"))
                .server();
        assertThat(config.monitor().port()).hasValue(8222);
        assertThat(config.monitor().tls()).isFalse();
        assertThat(config.monitor().host()).isEqualTo("::1");
        assertThat(config.monitor().allowUnauthenticated()).isFalse();
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.MONITOR_TLS, "maybe")))
                .hasMessageContaining("monitor-tls");
        assertThatThrownBy(() ->
                        ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.MONITOR_ALLOW_UNAUTHENTICATED, "yes")))
                .hasMessageContaining("monitor-allow-unauthenticated");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.MONITOR_PORT, "-1")))
                .hasMessageContaining("monitor-port");
    }

    @Test
    void theMonitoringPortIsOffByDefaultAndMustDifferFromThePort() {
        try (SwitchboardServer server =
                SwitchboardServer.start(ServerConfig.builder().port(0).build())) {
            assertThat(server.config().monitor().enabled()).isFalse();
            assertThatThrownBy(server::monitorPort).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() ->
                        ServerConfig.builder().port(7420).monitorPort(7420).build())
                .hasMessageContaining("monitor-port");
        assertThatThrownBy(() -> ServerConfig.builder().monitorPort(70000).build())
                .hasMessageContaining("monitor-port");
    }
}
