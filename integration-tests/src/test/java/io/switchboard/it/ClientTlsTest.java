package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.TlsHandshakeException;
import io.switchboard.client.TlsOptions;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.testsupport.TestCertificates;
import io.switchboard.testsupport.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java client over TLS against a real server: tls:// URLs, trust, client certificates, host names, refusals. */
class ClientTlsTest {

    @TempDir
    Path dir;

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private TestCertificates certs;
    private Issued serverCert;

    @BeforeEach
    void certificates() {
        certs = TestCertificates.in(dir);
        serverCert = certs.server("server");
    }

    @AfterEach
    void stopHandlers() {
        handlers.shutdownNow();
    }

    private ServerConfig.Builder tlsServer() {
        return Fixtures.serverConfig().tlsCert(serverCert.certFile()).tlsKey(serverCert.keyFile());
    }

    private static String tlsUrl(SwitchboardServer server) {
        return "tls://127.0.0.1:" + server.tcpPort();
    }

    private TlsOptions.Builder trusting() {
        return TlsOptions.builder().trustCertificates(certs.caFile());
    }

    private static SwitchboardClient client(String url, TlsOptions tls) {
        return SwitchboardClient.connect(
                Fixtures.clientOptions(url, Codec.CBOR).tls(tls).build());
    }

    @Test
    void callsTravelOverTls() {
        try (SwitchboardServer server = SwitchboardServer.start(tlsServer().build());
                SwitchboardClient publisher = client(tlsUrl(server), trusting().build());
                SwitchboardClient caller = client(tlsUrl(server), trusting().build())) {
            publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
            assertThat(caller.call("calc", "add", new Pair(2, 3), Sum.class)).isEqualTo(new Sum(5));
        }
    }

    @Test
    void mutualTlsTakesAPemOrKeyStoreIdentityAndRefusesNone() {
        try (SwitchboardServer server =
                SwitchboardServer.start(tlsServer().tlsClientCa(certs.caFile()).build())) {
            Issued alice = certs.client("alice", "alice");
            try (SwitchboardClient pem = client(
                            tlsUrl(server),
                            trusting()
                                    .clientCertificate(alice.certFile(), alice.keyFile())
                                    .build());
                    SwitchboardClient store = client(
                            tlsUrl(server),
                            TlsOptions.builder()
                                    .trustStore(
                                            certs.trustStore("trust.p12", "t".toCharArray()),
                                            "t".toCharArray(),
                                            "PKCS12")
                                    .keyStore(
                                            certs.keyStore(alice, "alice.p12", "secret".toCharArray()),
                                            "secret".toCharArray(),
                                            "PKCS12")
                                    .build())) {
                pem.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
                assertThat(store.call("calc", "add", new Pair(1, 1), Sum.class)).isEqualTo(new Sum(2));
            }
            // Without a certificate: refused, and given up at once (a refused handshake is not retried).
            ClientOptions none = Fixtures.clientOptions(tlsUrl(server), Codec.CBOR)
                    .tls(trusting().build())
                    .connectTimeout(Duration.ofMinutes(2))
                    .build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> SwitchboardClient.connect(none))
                    .isInstanceOf(TlsHandshakeException.class)
                    .hasMessageContaining("TLS handshake with " + tlsUrl(server) + " failed")
                    .hasMessageContaining("client certificate");
            // Far below the two-minute connect timeout: it gave up, it did not retry until the deadline.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        }
    }

    @Test
    void aServerSignedByAnotherCaIsNotTrusted() {
        TestCertificates other = TestCertificates.in(dir.resolve("other"), "other-ca");
        try (SwitchboardServer server = SwitchboardServer.start(tlsServer().build())) {
            ClientOptions options = Fixtures.clientOptions(tlsUrl(server), Codec.CBOR)
                    .tls(TlsOptions.builder().trustCertificates(other.caFile()).build())
                    .connectTimeout(Duration.ofMinutes(2))
                    .build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> SwitchboardClient.connect(options))
                    .isInstanceOf(TlsHandshakeException.class)
                    .hasMessageContaining("certificate not trusted");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
            // The JVM's default CAs do not know our test CA either.
            assertThatThrownBy(() -> SwitchboardClient.connect(Fixtures.clientOptions(tlsUrl(server), Codec.CBOR)
                            .connectTimeout(Duration.ofMinutes(2))
                            .build()))
                    .isInstanceOf(TlsHandshakeException.class)
                    .hasMessageContaining("certificate not trusted");
        }
    }

    @Test
    void theHostNameIsVerifiedUnlessTurnedOff() {
        Issued elsewhere = certs.serverNamed("elsewhere", "switchboard.example.com");
        try (SwitchboardServer server = SwitchboardServer.start(Fixtures.serverConfig()
                .tlsCert(elsewhere.certFile())
                .tlsKey(elsewhere.keyFile())
                .build())) {
            assertThatThrownBy(() -> client(tlsUrl(server), trusting().build()))
                    .isInstanceOf(TlsHandshakeException.class)
                    .hasMessageContaining("does not name this host");
            try (SwitchboardClient unchecked = client(
                    tlsUrl(server), trusting().hostnameVerification(false).build())) {
                assertThat(unchecked.isConnected()).isTrue();
            }
        }
    }

    @Test
    void aRegistryOverTlsResolvesTheServersTlsEndpoint() {
        try (SwitchboardServer server = SwitchboardServer.start(tlsServer().build());
                SwitchboardClient byName = client(
                        "registry+tls://127.0.0.1:" + server.tcpPort() + "/switchboard",
                        trusting().build())) {
            assertThat(byName.isConnected()).isTrue();
            assertThat(byName.registry().resolve("switchboard").get(0).endpoints())
                    .containsExactly(tlsUrl(server));
        }
    }

    @Test
    void aReloadKeepsTheClientsConnected() throws Exception {
        Path cert = Files.copy(serverCert.certFile(), dir.resolve("live.crt"));
        Path key = Files.copy(serverCert.keyFile(), dir.resolve("live.key"));
        try (SwitchboardServer server = SwitchboardServer.start(Fixtures.serverConfig()
                        .tlsCert(cert)
                        .tlsKey(key)
                        .tlsReloadCheckMs(0)
                        .build());
                SwitchboardClient publisher = client(tlsUrl(server), trusting().build());
                SwitchboardClient caller = client(tlsUrl(server), trusting().build())) {
            publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
            TestCertificates.replace(certs.server("renewed"), cert, key);
            assertThat(server.reloadTls()).isTrue();
            assertThat(caller.call("calc", "add", new Pair(3, 4), Sum.class)).isEqualTo(new Sum(7));
            try (SwitchboardClient late = client(tlsUrl(server), trusting().build())) {
                assertThat(late.call("calc", "add", new Pair(5, 5), Sum.class)).isEqualTo(new Sum(10));
            }
            // The late client's close reaches the server a moment after close() returns.
            Fixtures.await(
                    "the publisher and the caller are the only connections",
                    () -> server.stats().connections() == 2);
        }
    }

    @Test
    void tlsToAPlainPortSaysTheServerDidNotAnswerWithTls() {
        try (SwitchboardServer plain =
                SwitchboardServer.start(Fixtures.serverConfig().build())) {
            ClientOptions options = Fixtures.clientOptions(tlsUrl(plain), Codec.CBOR)
                    .tls(trusting().build())
                    .connectTimeout(Duration.ofMinutes(2))
                    .build();
            assertThatThrownBy(() -> SwitchboardClient.connect(options))
                    .isInstanceOf(TlsHandshakeException.class)
                    .hasMessageContaining("did not answer with TLS");
        }
    }

    @Test
    void unreadableTrustFilesFailAtOnceNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing-ca.crt");
        assertThatThrownBy(() -> TlsOptions.builder().trustCertificates(missing).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        Path garbage = Files.writeString(dir.resolve("garbage.crt"), "not a certificate");
        assertThatThrownBy(() -> client(
                        "tls://127.0.0.1:1",
                        TlsOptions.builder().trustCertificates(garbage).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(garbage.toString());
    }
}
