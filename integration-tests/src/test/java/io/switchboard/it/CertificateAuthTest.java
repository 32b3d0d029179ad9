package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.switchboard.client.CallException;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.NotConnectedException;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.RequestException;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.TlsOptions;
import io.switchboard.client.UnauthorizedException;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.auth.UsersFile;
import io.switchboard.testsupport.TestCertificates;
import io.switchboard.testsupport.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users from TLS client certificates over real mutual-TLS sockets: a HELLO without credentials logs in as the user
 * its verified certificate maps to (by subject or by SAN) and gets that user's permissions; a certificate that maps
 * to nobody is refused; credentials, when given, decide alone.
 */
class CertificateAuthTest {

    @TempDir
    static Path dir;

    private static SwitchboardServer server;
    private static TestCertificates certs;
    private static final ExecutorService handlers = Executors.newFixedThreadPool(4);

    static final String USERS = """
            users:
              - name: inventory
                certificate-san: "URI:switchboard:user:inventory"
                permissions:
                  publish: { allow: ["inventory.>"] }
                  call: { allow: [">"] }
              - name: shop
                certificate-subject: "cn=Shop"
                password: "%s"
                permissions:
                  call: { allow: ["inventory.*"] }
              - name: auditor
                password: "%s"
                permissions:
                  publish: { allow: ["audit.>"] }
              - name: dual-a
                certificate-subject: "CN=dual"
              - name: dual-b
                certificate-san: "URI:switchboard:user:dual"
            """;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.in(dir.resolve("pki"));
        Issued serverCert = certs.server("server");
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, USERS.formatted(hash("shop-secret"), hash("audit-secret")));
        server = SwitchboardServer.start(Fixtures.serverConfig()
                .tlsCert(serverCert.certFile())
                .tlsKey(serverCert.keyFile())
                .tlsClientCa(certs.caFile())
                .authUsers(UsersFile.read(users))
                .build());
    }

    @AfterAll
    static void stop() {
        handlers.shutdownNow();
        server.close();
    }

    private static String hash(String password) {
        return BCrypt.withDefaults().hashToString(10, password.toCharArray());
    }

    /** Options presenting a client certificate with {@code CN=<user>} and SAN {@code URI:switchboard:user:<user>}. */
    private static ClientOptions.Builder withCertificate(String user) {
        Issued cert = certs.client(user + "-" + System.nanoTime(), user);
        TlsOptions tls = TlsOptions.builder()
                .trustCertificates(certs.caFile())
                .clientCertificate(cert.certFile(), cert.keyFile())
                .build();
        return Fixtures.clientOptions("tls://127.0.0.1:" + server.tcpPort(), Codec.CBOR)
                .tls(tls);
    }

    private static void publishGet(SwitchboardClient client, String alias) {
        client.publish(PublishOptions.builder(alias).methods(List.of("get")).build(), call -> "real", handlers);
    }

    @Test
    void aMappedCertificateLogsInWithoutCredentialsAndGetsItsUsersPermissions() {
        // inventory maps by its SAN URI, shop by its subject (compared as a DN: "cn=Shop" is the cert's "CN=shop").
        try (SwitchboardClient inventory =
                        SwitchboardClient.connect(withCertificate("inventory").build());
                SwitchboardClient shop =
                        SwitchboardClient.connect(withCertificate("shop").build())) {
            publishGet(inventory, "inventory.stock");
            assertThat(shop.call("inventory.stock", "get", "x", String.class)).isEqualTo("real");
            // shop's own permissions: no publish at all, and call only inventory.*
            RequestException denied =
                    catchThrowableOfType(RequestException.class, () -> publishGet(shop, "inventory.mine"));
            assertThat(denied.code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(codeOf(() -> shop.call("inventory.deep.stock", "get", "x", String.class)))
                    .isEqualTo(ResultCode.FORBIDDEN);
        }
    }

    @Test
    void aCertificateThatMapsToNobodyIsUnauthorizedWithoutCredentials() {
        long failures = server.stats().authFailures();
        NotConnectedException refused = catchThrowableOfType(
                NotConnectedException.class,
                () -> SwitchboardClient.connect(withCertificate("stranger").build()));
        assertThat(refused.getCause()).isInstanceOf(UnauthorizedException.class);
        assertThat(((UnauthorizedException) refused.getCause()).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(refused.getCause().getMessage()).contains("maps to no user");
        assertThat(server.stats().authFailures()).isGreaterThan(failures);
    }

    @Test
    void aCertificateThatMapsToTwoUsersIsRefusedNotGuessed() {
        // CN=dual maps to dual-a by its subject, and its SAN URI to dual-b.
        NotConnectedException refused = catchThrowableOfType(
                NotConnectedException.class,
                () -> SwitchboardClient.connect(withCertificate("dual").build()));
        assertThat(refused.getCause()).isInstanceOf(UnauthorizedException.class);
        assertThat(refused.getCause().getMessage()).contains("maps to more than one user");
    }

    @Test
    void credentialsTakePrecedenceOverTheCertificate() {
        // shop's certificate with auditor's password: logged in as auditor, with auditor's permissions only.
        try (SwitchboardClient asAuditor = SwitchboardClient.connect(
                        withCertificate("shop").user("auditor", "audit-secret").build());
                SwitchboardClient inventory =
                        SwitchboardClient.connect(withCertificate("inventory").build())) {
            publishGet(asAuditor, "audit.log");
            publishGet(inventory, "inventory.levels");
            // auditor may not call; shop (the certificate's user) could.
            assertThat(codeOf(() -> asAuditor.call("inventory.levels", "get", "x", String.class)))
                    .isEqualTo(ResultCode.FORBIDDEN);
        }
        // A certificate mapping to nobody plus valid credentials: the credentials log in.
        try (SwitchboardClient stranger = SwitchboardClient.connect(
                withCertificate("stranger").user("shop", "shop-secret").build())) {
            assertThat(codeOf(() -> stranger.call("inventory.nothing", "get", "x", String.class)))
                    .isEqualTo(ResultCode.NO_SUCH_SESSION);
        }
        // Wrong credentials are refused even though the certificate maps to a user: no fallback to the certificate.
        NotConnectedException refused = catchThrowableOfType(
                NotConnectedException.class,
                () -> SwitchboardClient.connect(
                        withCertificate("shop").user("shop", "wrong").build()));
        assertThat(refused.getCause()).isInstanceOf(UnauthorizedException.class);
    }

    private static ResultCode codeOf(Runnable call) {
        Throwable failure = catchThrowable(call::run);
        while (failure != null && !(failure instanceof CallException) && failure.getCause() != null) {
            failure = failure.getCause();
        }
        assertThat(failure).isInstanceOf(CallException.class);
        return ((CallException) failure).code();
    }
}
