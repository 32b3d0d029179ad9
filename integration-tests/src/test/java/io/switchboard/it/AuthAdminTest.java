package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.client.CallException;
import io.switchboard.client.RequestException;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.auth.UsersFile;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin permission and the deprecated admin token with authentication on (each test stops its own server), and
 * frontdoor-handle guarding a front door's handler alias.
 */
class AuthAdminTest {

    @TempDir
    Path dir;

    private SwitchboardServer start(String adminToken, FrontDoorConfig door) throws Exception {
        Path users = dir.resolve("users.yaml");
        String hash = BCrypt.withDefaults().hashToString(10, "pw".toCharArray());
        Files.writeString(users, """
                users:
                  - name: ops
                    token-sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
                    permissions: { admin: true }
                  - name: chat
                    password: "%s"
                    permissions: { frontdoor-handle: ["talk"] }
                  - name: plain
                    password: "%s"
                    permissions: { publish: [">"] }
                """.formatted(hash, hash));
        return SwitchboardServer.start(Fixtures.serverConfig()
                .authUsers(UsersFile.read(users))
                .adminToken(adminToken)
                .frontDoors(door == null ? List.of() : List.of(door))
                .build());
    }

    /** Logs in with {@code credentials}, sends SHUTDOWN; the ERROR code, or null when the server began to stop. */
    private static String shutdownAs(SwitchboardServer server, String credentials) throws Exception {
        try (TextPeer peer = new TextPeer(server.tcpPort())) {
            peer.send(TextPeer.hello(credentials));
            assertThat(peer.readType("welcome")).isNotNull();
            peer.send("{\"type\":\"shutdown\",\"reason\":\"test\"}");
            peer.send("{\"type\":\"list\",\"req\":7}");
            for (JsonNode node = peer.read(); node != null; node = peer.read()) {
                String type = node.path("type").asText();
                if (type.equals("error")) {
                    return node.path("code").asText();
                }
                if (type.equals("shutdown")) {
                    return null;
                }
            }
            return null;
        }
    }

    @Test
    void aUserWithTheAdminPermissionMayShutTheServerDown() throws Exception {
        try (SwitchboardServer server = start(null, null)) {
            assertThat(shutdownAs(server, "{\"user\":\"plain\",\"password\":\"pw\"}"))
                    .isEqualTo("forbidden");
            assertThat(server.isShuttingDown()).isFalse();
            assertThat(shutdownAs(server, "{\"token\":\"test\"}")).isNull();
            Fixtures.await("the server shuts down", server::isShuttingDown);
        }
    }

    @Test
    void theDeprecatedAdminTokenStillGrantsAdminWithAuthenticationOn() throws Exception {
        try (SwitchboardServer server = start("old-admin-secret", null)) {
            assertThat(shutdownAs(server, "{\"token\":\"old-admin-secret\"}")).isNull();
            Fixtures.await("the server shuts down", server::isShuttingDown);
        }
    }

    @Test
    void aFrontDoorsHandlerAliasNeedsFrontdoorHandleNotPublish() throws Exception {
        FrontDoorConfig door = FrontDoorFixtures.tcp("talk").build();
        try (SwitchboardServer server = start(null, door);
                SwitchboardClient plain =
                        SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.JSON)
                                .user("plain", "pw")
                                .build());
                SwitchboardClient chat =
                        SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.JSON)
                                .user("chat", "pw")
                                .build())) {
            // plain may publish ">" but not handle the front door's lines.
            RequestException refused = catchThrowableOfType(
                    RequestException.class, () -> plain.handleFrontDoor("talk", new EchoLines("P", r -> {})));
            assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
            chat.handleFrontDoor("talk", new EchoLines("C", r -> {}));
            try (TcpUser user = FrontDoorFixtures.tcpUser(server, door)) {
                user.send("hello");
                assertThat(user.received().poll(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                        .contains("echo hello by C");
            }
            // $lines drives end users' lines: frontdoor-handle, not call, lets a connection use it. The line id does
            // not matter: the refusal comes before the line is looked up.
            CallException lines = catchThrowableOfType(
                    CallException.class, () -> plain.lines().send("no-such-line", "spoof"));
            assertThat(lines.code()).isEqualTo(ResultCode.FORBIDDEN);
            CallException noLine =
                    catchThrowableOfType(CallException.class, () -> chat.lines().send("no-such-line", "x"));
            assertThat(noLine.code()).isEqualTo(ResultCode.NO_SUCH_LINE);
        }
    }
}
