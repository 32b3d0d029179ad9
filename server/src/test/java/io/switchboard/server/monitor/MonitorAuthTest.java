package io.switchboard.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.auth.UsersFile;
import io.switchboard.testsupport.TestCertificates;
import io.switchboard.testsupport.TestCertificates.Issued;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitoring port with TLS and auth-users: 401 and 403, Basic and Bearer, an open /healthz, admin POSTs. */
class MonitorAuthTest {

    @TempDir
    Path dir;

    private SwitchboardServer server;
    private MonitorClient https;

    @BeforeEach
    void start() throws Exception {
        TestCertificates certs = TestCertificates.in(dir.resolve("pki"));
        Issued serverCert = certs.server("server");
        String hash = BCrypt.withDefaults().hashToString(10, "watch-pw".toCharArray());
        String opsHash = BCrypt.withDefaults().hashToString(10, "ops-pw".toCharArray());
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, """
                users:
                  - name: watcher
                    password: "%s"
                    permissions: { monitor: true }
                  - name: ops
                    password: "%s"
                    permissions: { admin: true }
                  - name: app
                    token-sha256: "%s"
                    permissions: { call: [">"] }
                  - name: robot
                    token-sha256: "%s"
                    permissions: { monitor: true }
                """.formatted(hash, opsHash, sha256("app-token"), sha256("robot-token")));
        server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .monitorPort(0)
                .tlsCert(serverCert.certFile())
                .tlsKey(serverCert.keyFile())
                .authUsers(UsersFile.read(users))
                .build());
        https = MonitorClient.tls(server.monitorPort(), certs.sslContext(null));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutOrWithBadCredentialsItIs401AfterTheRefusalDelay() throws Exception {
        long before = System.nanoTime();
        MonitorClient.Reply none = https.get("/varz");
        long tookMs = (System.nanoTime() - before) / 1_000_000;
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers().firstValue("www-authenticate")).contains("Basic realm=\"switchboard\"");
        assertThat(none.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(tookMs).isGreaterThanOrEqualTo(200);

        assertThat(https.get("/varz", "Authorization", basic("watcher", "wrong"))
                        .status())
                .isEqualTo(401);
        assertThat(https.get("/varz", "Authorization", basic("nobody", "watch-pw"))
                        .status())
                .isEqualTo(401);
        assertThat(https.get("/varz", "Authorization", "Bearer not-a-token").status())
                .isEqualTo(401);
        assertThat(https.get("/varz", "Authorization", "Basic !!!").status()).isEqualTo(401);
        assertThat(https.get("/varz", "Authorization", "Digest x").status()).isEqualTo(401);
        assertThat(server.stats().authFailures()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aUserWithoutMonitorOrAdminIs403() throws Exception {
        MonitorClient.Reply reply = https.get("/connz", "Authorization", "Bearer app-token");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("error").asText()).isEqualTo("forbidden");
        assertThat(reply.json().get("message").asText()).contains("monitor");
    }

    @Test
    void monitorUsersReadButOnlyAdminsAct() throws Exception {
        assertThat(https.get("/varz", "Authorization", basic("watcher", "watch-pw"))
                        .status())
                .isEqualTo(200);
        assertThat(https.get("/connz", "Authorization", "Bearer robot-token").status())
                .isEqualTo(200);
        assertThat(https.get("/sessionz", "Authorization", basic("ops", "ops-pw"))
                        .status())
                .isEqualTo(200);

        MonitorClient.Reply refused = https.post("/admin/drain", "Authorization", basic("watcher", "watch-pw"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("message").asText()).contains("admin");
        assertThat(server.isDraining()).isFalse();

        MonitorClient.Reply reloaded = https.post("/admin/reload-tls", "Authorization", basic("ops", "ops-pw"));
        assertThat(reloaded.status()).isEqualTo(200);
        assertThat(reloaded.json().get("reloaded").asBoolean()).isTrue();
        MonitorClient.Reply drained = https.post("/admin/drain", "Authorization", basic("ops", "ops-pw"));
        assertThat(drained.status()).isEqualTo(202);
        assertThat(server.isDraining()).isTrue();
    }

    @Test
    void healthzNeedsNoCredentialsAndTellsOnlyTheStatus() throws Exception {
        MonitorClient.Reply health = https.get("/healthz");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void theMonitoringPortSpeaksOnlyTls() {
        MonitorClient plain = MonitorClient.plain(server.monitorPort());
        assertThatThrownBy(() -> plain.get("/healthz")).isInstanceOf(IOException.class);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
