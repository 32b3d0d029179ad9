package io.switchboard.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.TestPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code max-connections}, {@code reserved-connections} and {@code max-connections-per-address} over real sockets. */
class ConnectionCountCapsTest {

    private static final String TOKEN = "s3cret";

    @Test
    void theConnectionOverTheCapIsRefusedAnAdminStillGetsInAndClosingFreesASlot() throws Exception {
        ServerConfig config = ServerConfig.builder()
                .port(0)
                .maxConnections(3)
                .reservedConnections(1)
                .adminToken(TOKEN)
                .build();
        List<TestPeer> peers = new ArrayList<>();
        try (SwitchboardServer server = SwitchboardServer.start(config)) {
            for (int i = 0; i < 3; i++) {
                TestPeer peer = TestPeer.binary(server.tcpPort());
                peers.add(peer);
                peer.hello("json");
            }

            TestPeer fourth = TestPeer.binary(server.tcpPort());
            peers.add(fourth);
            fourth.send(new Hello(Protocol.VERSION, "fourth", List.of("json"), null, null));
            ErrorMessage refused = fourth.expect(ErrorMessage.class);
            assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_CONNECTIONS);
            assertThat(refused.message()).contains("max-connections");
            fourth.awaitClosed();

            // The reserve: an admin's HELLO still gets in beyond max-connections.
            TestPeer admin = TestPeer.binary(server.tcpPort());
            peers.add(admin);
            Welcome welcome =
                    admin.helloWith(new Hello(Protocol.VERSION, "ops", List.of("json"), Map.of("token", TOKEN), null));
            assertThat(welcome.codec()).isEqualTo("json");

            // The reserve is full too: even an admin is refused now, in text mode as well.
            TestPeer text = TestPeer.text(server.tcpPort());
            peers.add(text);
            text.writeLine("{\"type\":\"hello\",\"version\":1,\"client\":\"ops\",\"credentials\":{\"token\":\"" + TOKEN
                    + "\"}}");
            assertThat(text.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.TOO_MANY_CONNECTIONS);
            text.awaitClosed();
            assertThat(server.stats().connectionsRefused()).isEqualTo(2);

            // Admins count too: with one of the three and the admin gone, anybody gets in again.
            peers.get(0).close();
            admin.close();
            Welcome again = retryUntilAdmitted(server.tcpPort(), peers);
            assertThat(again).isNotNull();
            // WELCOME goes out just before the server counts the connection as established.
            Awaits.until(
                    "the server counts three connections", () -> server.stats().connections() == 3);
        } finally {
            for (TestPeer peer : peers) {
                peer.close();
            }
        }
    }

    @Test
    void eachAddressHasItsOwnCap() throws Exception {
        ServerConfig config =
                ServerConfig.builder().port(0).maxConnectionsPerAddress(2).build();
        List<TestPeer> peers = new ArrayList<>();
        try (SwitchboardServer server = SwitchboardServer.start(config)) {
            for (int i = 0; i < 2; i++) {
                TestPeer peer = TestPeer.binaryFrom("127.0.0.1", server.tcpPort());
                peers.add(peer);
                peer.hello("json");
            }
            TestPeer third = TestPeer.binaryFrom("127.0.0.1", server.tcpPort());
            peers.add(third);
            third.send(new Hello(Protocol.VERSION, "third", List.of("json"), null, null));
            ErrorMessage refused = third.expect(ErrorMessage.class);
            assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_CONNECTIONS);
            assertThat(refused.message()).contains("max-connections-per-address");
            third.awaitClosed();

            // Another address is not affected.
            TestPeer other = TestPeer.binaryFrom("127.0.0.2", server.tcpPort());
            peers.add(other);
            assertThat(other.hello("json").codec()).isEqualTo("json");
            assertThat(server.stats().connectionsRefused()).isEqualTo(1);
        } finally {
            for (TestPeer peer : peers) {
                peer.close();
            }
        }
    }

    @Test
    void aRefusedConnectionThatSendsNothingIsToldInTextModeAndClosed() throws Exception {
        ServerConfig config = ServerConfig.builder()
                .port(0)
                .maxConnections(1)
                .reservedConnections(0)
                .build();
        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer first = TestPeer.binary(server.tcpPort());
                TestPeer silent = TestPeer.raw(server.tcpPort())) {
            first.hello("json");
            String line = silent.nextLine();
            assertThat(line).contains("\"too-many-connections\"");
            silent.awaitClosed();
        }
    }

    /** The server notices a close a moment later: tries until a new connection is admitted, within the deadline. */
    private static Welcome retryUntilAdmitted(int port, List<TestPeer> peers) throws Exception {
        long deadline = System.nanoTime() + TestPeer.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            TestPeer peer = TestPeer.binary(port);
            peers.add(peer);
            peer.send(new Hello(Protocol.VERSION, "again", List.of("json"), null, null));
            Object first = peer.poll(Duration.ofSeconds(5));
            if (first instanceof Welcome welcome) {
                return welcome;
            }
            peer.close();
            Thread.sleep(50);
        }
        return null;
    }
}
