package io.switchboard.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.auth.UsersFile;
import io.switchboard.testsupport.TestCertificates;
import io.switchboard.testsupport.TestCertificates.Issued;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS on the monitoring port: a client certificate is the user, as on the client port. */
class MonitorMutualTlsTest {

    @TempDir
    Path dir;

    @Test
    void aClientCertificateMappedToAMonitorUserReadsAndOthersAreRefused() throws Exception {
        TestCertificates certs = TestCertificates.in(dir.resolve("pki"));
        Issued serverCert = certs.server("server");
        Issued prometheus = certs.client("prometheus", "prometheus");
        Issued app = certs.client("app", "app");
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, """
                users:
                  - name: prometheus
                    certificate-san: "URI:%sprometheus"
                    permissions: { monitor: true }
                  - name: app
                    certificate-san: "URI:%sapp"
                    permissions: { call: [">"] }
                """.formatted(TestCertificates.USER_URI_PREFIX, TestCertificates.USER_URI_PREFIX));
        try (SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .monitorPort(0)
                .tlsCert(serverCert.certFile())
                .tlsKey(serverCert.keyFile())
                .tlsClientCa(certs.caFile())
                .authUsers(UsersFile.read(users))
                .build())) {
            MonitorClient asPrometheus = MonitorClient.tls(server.monitorPort(), certs.sslContext(prometheus));
            assertThat(asPrometheus.get("/varz").status()).isEqualTo(200);
            assertThat(asPrometheus.post("/admin/drain").status()).isEqualTo(403);

            MonitorClient asApp = MonitorClient.tls(server.monitorPort(), certs.sslContext(app));
            assertThat(asApp.get("/varz").status()).isEqualTo(403);

            // Without a client certificate the TLS handshake itself is refused.
            MonitorClient anonymous = MonitorClient.tls(server.monitorPort(), certs.sslContext(null));
            assertThatThrownBy(() -> anonymous.get("/healthz")).isInstanceOf(IOException.class);
        }
    }
}
