package io.switchboard.it;

import static io.switchboard.it.AdminCliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.TlsOptions;
import io.switchboard.it.AdminCliTest.Run;
import io.switchboard.protocol.Codec;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.auth.UsersFile;
import io.switchboard.testsupport.TestCertificates;
import io.switchboard.testsupport.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin CLI against a server with authentication and TLS on: the monitoring port speaks HTTPS and wants a
 * monitor (reading) or admin (drain, shutdown) user; call logs in on the tls:// client port.
 */
class AdminCliAuthTest {

    /** SHA-256 of the token "test". */
    private static final String TEST_TOKEN_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private TestCertificates certs;
    private SwitchboardServer server;
    private SwitchboardClient publisher;
    private String monitor;
    private String ca;

    @BeforeEach
    void start() throws Exception {
        certs = TestCertificates.in(dir);
        Issued serverCert = certs.server("server");
        Path users = dir.resolve("users.yaml");
        String hash = BCrypt.withDefaults().hashToString(10, "pw".toCharArray());
        Files.writeString(users, """
                users:
                  - name: ops
                    token-sha256: "%s"
                    permissions: { admin: true }
                  - name: watcher
                    password: "%s"
                    permissions: { monitor: true }
                  - name: caller
                    password: "%s"
                    permissions: { call: [">"], publish: [">"] }
                """.formatted(TEST_TOKEN_SHA256, hash, hash));
        server = SwitchboardServer.start(Fixtures.serverConfig()
                .authUsers(UsersFile.read(users))
                .tlsCert(serverCert.certFile())
                .tlsKey(serverCert.keyFile())
                .monitorPort(0)
                .build());
        publisher = SwitchboardClient.connect(Fixtures.clientOptions("tls://127.0.0.1:" + server.tcpPort(), Codec.JSON)
                .tls(TlsOptions.builder().trustCertificates(certs.caFile()).build())
                .user("caller", "pw")
                .build());
        publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
        monitor = "--monitor=https://127.0.0.1:" + server.monitorPort();
        ca = "--ca=" + certs.caFile();
    }

    @AfterEach
    void stop() {
        Fixtures.closeAll(publisher, server);
        handlers.shutdownNow();
    }

    private static Map<String, String> password(String pw) {
        return Map.of("SWITCHBOARD_PASSWORD", pw);
    }

    @Test
    void withoutCredentialsTheMonitoringPortIsUnauthorized() {
        Run anonymous = cli(Map.of(), "", "status", monitor, ca);
        assertThat(anonymous.code()).isEqualTo(4);
        assertThat(anonymous.err())
                .startsWith(
                        "switchboard: unauthorized: the monitoring port at https://127.0.0.1:" + server.monitorPort()
                                + " refused a request without credentials (give --user NAME with SWITCHBOARD_PASSWORD, or "
                                + "--token-file FILE)");

        Run wrong = cli(password("wrong"), "", "sessions", "--user", "watcher", monitor, ca);
        assertThat(wrong.code()).isEqualTo(4);
        assertThat(wrong.err())
                .startsWith("switchboard: unauthorized: the monitoring port at https://")
                .contains("refused user watcher");
        assertThat(wrong.err()).doesNotContain("wrong");
    }

    @Test
    void aMonitorUserReadsButMayNotDrain() throws Exception {
        Run status = cli(password("pw"), "", "status", "--user", "watcher", monitor, ca);
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).containsPattern("(?m)^health +ok$");

        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, "pw\n");
        Run sessions = cli(
                Map.of(), "", "sessions", "--user", "watcher", "--password-file", passwordFile.toString(), monitor, ca);
        assertThat(sessions.code()).as(sessions.err()).isZero();
        assertThat(sessions.out()).contains("calc ");

        Run drain = cli(password("pw"), "", "drain", "--user", "watcher", monitor, ca);
        assertThat(drain.code()).isEqualTo(5);
        assertThat(drain.err()).startsWith("switchboard: forbidden: user watcher may not do this");
        assertThat(server.isDraining()).isFalse();
    }

    @Test
    void anAdminTokenFromAFileDrains() throws Exception {
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, "test\n");
        Run drain = cli(Map.of(), "", "drain", "--token-file", tokenFile.toString(), monitor, ca);
        assertThat(drain.code()).as(drain.err()).isZero();
        assertThat(server.isDraining()).isTrue();

        Run reload = cli(Map.of("SWITCHBOARD_TOKEN", "test"), "", "reload-tls", monitor, ca);
        assertThat(reload.code()).as(reload.err()).isZero();
        assertThat(reload.out()).isEqualTo("reloaded the TLS certificates\n");
    }

    @Test
    void withoutTheCaTheHttpsPortIsNotTrusted() {
        Run untrusted = cli(password("pw"), "", "status", "--user", "watcher", monitor);
        assertThat(untrusted.code()).isEqualTo(3);
        assertThat(untrusted.err())
                .startsWith("switchboard: cannot reach the monitoring port at https://")
                .contains("TLS handshake failed");
    }

    @Test
    void aUserWithoutAPasswordIsAUsageError() {
        Run noPassword = cli(Map.of(), "", "status", "--user", "watcher", monitor, ca);
        assertThat(noPassword.code()).isEqualTo(2);
        assertThat(noPassword.err())
                .isEqualTo("switchboard: --user watcher needs a password: set SWITCHBOARD_PASSWORD, give "
                        + "--password-file FILE, or run on a terminal to be asked\n");
    }

    @Test
    void callLogsInOverTls() throws Exception {
        String server = "--server=tls://127.0.0.1:" + this.server.tcpPort();
        Run ok = cli(password("pw"), "", "call", server, ca, "--user", "caller", "calc", "add", "{\"a\":1,\"b\":2}");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.json().path("sum").asInt()).isEqualTo(3);

        Run wrong = cli(password("nope"), "", "call", server, ca, "--user", "caller", "calc", "add", "{}");
        assertThat(wrong.code()).isEqualTo(4);
        assertThat(wrong.err()).startsWith("switchboard: unauthorized: the server at tls://127.0.0.1:");

        Run monitorOnly = cli(password("pw"), "", "call", server, ca, "--user", "watcher", "calc", "add", "{}");
        assertThat(monitorOnly.code()).isEqualTo(5);
        assertThat(monitorOnly.err()).contains("(forbidden)");
    }
}
