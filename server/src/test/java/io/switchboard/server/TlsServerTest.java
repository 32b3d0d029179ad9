package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.switchboard.server.config.ConfigException;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ConfigOption;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.TlsLines;
import io.switchboard.server.tls.TlsPeer;
import io.switchboard.testsupport.ListenPorts;
import io.switchboard.testsupport.TestCertificates;
import io.switchboard.testsupport.TestCertificates.Issued;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** TLS on the client port over real sockets: the handshake, mutual TLS, refusals, start-up checks and reloads. */
class TlsServerTest {

    @TempDir
    Path dir;

    private TestCertificates certs;
    private Issued serverCert;
    private SwitchboardServer server;

    @BeforeEach
    void certificates() {
        certs = TestCertificates.in(dir.resolve("pki"));
        serverCert = certs.server("server");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ServerConfig.Builder tls() {
        return ServerConfig.builder().port(0).tlsCert(serverCert.certFile()).tlsKey(serverCert.keyFile());
    }

    @Test
    void textModeRunsInsideTls() throws Exception {
        server = SwitchboardServer.start(tls().build());
        try (TlsLines peer = new TlsLines(certs.sslContext(null), server.tcpPort())) {
            assertThat(peer.serverCertificate()).isEqualTo(serverCert.certificate());
            assertThat(peer.hello("tls-peer")).contains("\"type\":\"welcome\"");
            peer.writeLine("{\"type\":\"ping\",\"id\":7}");
            assertThat(peer.readLine()).isEqualTo("{\"type\":\"pong\",\"id\":7}");
        }
        // Without mutual TLS the connection has no client certificate.
        assertThat(server.connections())
                .allSatisfy(c -> assertThat(c.peerCertificate()).isEmpty());
    }

    @Test
    void plainTextOnTheTlsPortIsClosedWithoutAnAnswer() throws Exception {
        server = SwitchboardServer.start(tls().build());
        try (Socket plain = new Socket("127.0.0.1", server.tcpPort())) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream()
                    .write("{\"type\":\"hello\",\"version\":1,\"client\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
            plain.getOutputStream().flush();
            // No protocol ERROR in plain text: the server closes (TLS alerts at most, never a JSON line).
            byte[] answer = plain.getInputStream().readAllBytes();
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("\"type\"");
        }
    }

    @Test
    void mutualTlsAcceptsAClientCertificateAndExposesIt() throws Exception {
        server = SwitchboardServer.start(tls().tlsClientCa(certs.caFile()).build());
        Issued alice = certs.client("alice", "alice");
        try (TlsLines peer = new TlsLines(certs.sslContext(alice), server.tcpPort())) {
            assertThat(peer.hello("alice-app")).contains("\"type\":\"welcome\"");
            Connection connection = server.connections().iterator().next();
            X509Certificate seen = connection.peerCertificate().orElseThrow();
            assertThat(seen.getSubjectX500Principal().getName()).isEqualTo("CN=alice");
            assertThat(seen.getSubjectAlternativeNames())
                    .contains(List.of(6, TestCertificates.USER_URI_PREFIX + "alice"));
        }
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() throws Exception {
        server = SwitchboardServer.start(tls().tlsClientCa(certs.caFile()).build());
        assertRefused(certs.sslContext(null));
        assertThat(server.stats().connections()).isZero();
    }

    @Test
    void mutualTlsRefusesACertificateFromAnotherCa() throws Exception {
        server = SwitchboardServer.start(tls().tlsClientCa(certs.caFile()).build());
        TestCertificates other = TestCertificates.in(dir.resolve("other"), "other-ca");
        Issued mallory = other.client("mallory", "mallory");
        // The client trusts our server, but its certificate comes from a CA the server does not know.
        SSLContext context = certs.sslContext(null);
        SSLContext withForeignCert = mixed(mallory, other);
        assertRefused(withForeignCert);
        assertThat(context).isNotNull();
    }

    @Test
    void aClientThatDoesNotTrustTheServerFailsTheHandshake() {
        server = SwitchboardServer.start(tls().build());
        TestCertificates other = TestCertificates.in(dir.resolve("other"), "other-ca");
        assertThatThrownBy(() -> new TlsLines(other.sslContext(null), server.tcpPort()))
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void minimumVersionThirteenRefusesTwelve() throws Exception {
        server = SwitchboardServer.start(tls().tlsMinVersion("TLSv1.3").build());
        assertThatThrownBy(() -> new TlsLines(certs.sslContext(null), server.tcpPort(), "TLSv1.2"))
                .isInstanceOf(IOException.class);
        try (TlsLines peer = new TlsLines(certs.sslContext(null), server.tcpPort(), "TLSv1.3")) {
            assertThat(peer.hello("new")).contains("welcome");
        }
    }

    @Test
    void anExpiredCertificateStopsTheStartNamingTheFile() {
        Issued expired = certs.expiredServer("expired");
        assertThatThrownBy(() -> SwitchboardServer.start(ServerConfig.builder()
                        .port(0)
                        .tlsCert(expired.certFile())
                        .tlsKey(expired.keyFile())
                        .build()))
                .isInstanceOfSatisfying(
                        ServerStartException.class,
                        e -> assertThat(e.isConfigError()).isTrue())
                .hasMessageContaining(expired.certFile().toString())
                .hasMessageContaining("expired on");
        Issued future = certs.notYetValidServer("future");
        assertThatThrownBy(() -> SwitchboardServer.start(ServerConfig.builder()
                        .port(0)
                        .tlsCert(future.certFile())
                        .tlsKey(future.keyFile())
                        .build()))
                .hasMessageContaining(future.certFile().toString())
                .hasMessageContaining("not valid before");
    }

    @Test
    void theLauncherExitsWithTwoForAnExpiredCertificate() {
        Issued expired = certs.expiredServer("expired");
        StringWriter err = new StringWriter();
        Main main = new Main(Map.of());
        CommandLine commandLine = main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString(),
                "--tls-cert",
                expired.certFile().toString(),
                "--tls-key",
                expired.keyFile().toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("tls-cert file " + expired.certFile())
                .contains("expired on");
        assertThat(main.server()).isNull();
    }

    @Test
    void aKeyOfAnotherCertificateStopsTheStart() {
        Issued other = certs.server("other");
        assertThatThrownBy(() -> SwitchboardServer.start(ServerConfig.builder()
                        .port(0)
                        .tlsCert(serverCert.certFile())
                        .tlsKey(other.keyFile())
                        .build()))
                .isInstanceOfSatisfying(
                        ServerStartException.class,
                        e -> assertThat(e.isConfigError()).isTrue())
                .hasMessageContaining("tls-key file " + other.keyFile())
                .hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void missingUnreadableAndNonPemFilesStopTheStart() throws Exception {
        Path missing = dir.resolve("missing.crt");
        assertStartFails(missing, serverCert.keyFile(), "tls-cert file " + missing + ": does not exist");
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");
        assertStartFails(text, serverCert.keyFile(), "is not a PEM file");
        assertStartFails(serverCert.certFile(), text, "tls-key file " + text + ": is not a PEM file");
        // A certificate where the key should be: PEM, but no key.
        assertStartFails(serverCert.certFile(), serverCert.certFile(), "holds no PEM private key");
        Path rsaStyle = Files.writeString(
                dir.resolve("trad.key"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        assertStartFails(serverCert.certFile(), rsaStyle, "openssl pkcs8 -topk8");
        Path unreadable = Files.copy(serverCert.keyFile(), dir.resolve("locked.key"));
        if (unreadable.toFile().setReadable(false, false) && !Files.isReadable(unreadable)) {
            assertStartFails(serverCert.certFile(), unreadable, "is not readable");
        }
    }

    @Test
    void certificateWithoutKeyAndABadMinimumVersionAreConfigErrors() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        null,
                        Map.of(),
                        Map.of(ConfigOption.TLS_CERT, serverCert.certFile().toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tls-cert is set but tls-key is not");
        assertThatThrownBy(() -> ConfigLoader.load(
                        null, Map.of("SWITCHBOARD_TLS_KEY", serverCert.keyFile().toString()), Map.of()))
                .hasMessageContaining("tls-key is set but tls-cert is not");
        assertThatThrownBy(() -> ConfigLoader.load(
                        null,
                        Map.of(),
                        Map.of(ConfigOption.TLS_CLIENT_CA, certs.caFile().toString())))
                .hasMessageContaining("tls-client-ca is set but tls-cert and tls-key are not");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.TLS_MIN_VERSION, "TLSv1.1")))
                .hasMessageContaining("tls-min-version must be TLSv1.2 or TLSv1.3, was 'TLSv1.1'")
                .hasMessageContaining("command line --tls-min-version");
        ServerConfig ok = ConfigLoader.load(
                        null,
                        Map.of(),
                        Map.of(
                                ConfigOption.TLS_CERT, serverCert.certFile().toString(),
                                ConfigOption.TLS_KEY, serverCert.keyFile().toString(),
                                ConfigOption.TLS_MIN_VERSION, "tlsv1.3"))
                .server();
        assertThat(ok.tls().orElseThrow().minVersion()).isEqualTo("TLSv1.3");
        assertThat(ok.tls().orElseThrow().mutual()).isFalse();
    }

    @Test
    void changedFilesAreReloadedWithoutDroppingConnections() throws Exception {
        Path cert = Files.copy(serverCert.certFile(), dir.resolve("live.crt"));
        Path key = Files.copy(serverCert.keyFile(), dir.resolve("live.key"));
        server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .tlsCert(cert)
                .tlsKey(key)
                .tlsReloadCheckMs(50)
                .build());
        SSLContext trusting = certs.sslContext(null);
        try (TlsLines old = new TlsLines(trusting, server.tcpPort())) {
            assertThat(old.hello("old")).contains("welcome");
            assertThat(old.serverCertificate()).isEqualTo(serverCert.certificate());

            Issued renewed = certs.server("renewed");
            TestCertificates.replace(renewed, cert, key);
            Awaits.await(Duration.ofSeconds(20), "a new connection sees the renewed certificate", () -> {
                try (TlsLines fresh = new TlsLines(trusting, server.tcpPort())) {
                    return fresh.serverCertificate().equals(renewed.certificate());
                }
            });
            // The connection made before the reload still works, on its old session.
            old.writeLine("{\"type\":\"ping\",\"id\":1}");
            assertThat(old.readLine()).isEqualTo("{\"type\":\"pong\",\"id\":1}");
            assertThat(old.serverCertificate()).isEqualTo(serverCert.certificate());
        }
    }

    @Test
    void aReloadWithBadFilesKeepsTheCurrentCertificate() throws Exception {
        Path cert = Files.copy(serverCert.certFile(), dir.resolve("live.crt"));
        Path key = Files.copy(serverCert.keyFile(), dir.resolve("live.key"));
        server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .tlsCert(cert)
                .tlsKey(key)
                .tlsReloadCheckMs(0)
                .build());
        Issued expired = certs.expiredServer("expired");
        TestCertificates.replace(expired, cert, key);
        assertThat(server.reloadTls()).isFalse();
        Files.writeString(cert, "garbage");
        assertThat(server.reloadTls()).isFalse();
        try (TlsLines peer = new TlsLines(certs.sslContext(null), server.tcpPort())) {
            assertThat(peer.serverCertificate()).isEqualTo(serverCert.certificate());
            assertThat(peer.hello("still")).contains("welcome");
        }
        Issued renewed = certs.server("renewed");
        TestCertificates.replace(renewed, cert, key);
        assertThat(server.reloadTls()).isTrue();
        try (TlsLines peer = new TlsLines(certs.sslContext(null), server.tcpPort())) {
            assertThat(peer.serverCertificate()).isEqualTo(renewed.certificate());
        }
    }

    /**
     * SIGHUP in a server process of its own, as operators send it: this test JVM's signal handling is shared with
     * every other test that ran in it (native libraries may install handlers of their own), so it proves nothing
     * reliable about a real server's.
     */
    @Test
    void sighupReloads() throws Exception {
        Path cert = Files.copy(serverCert.certFile(), dir.resolve("live.crt"));
        Path key = Files.copy(serverCert.keyFile(), dir.resolve("live.key"));
        int port = ListenPorts.free();
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--port",
                        Integer.toString(port),
                        "--tls-cert",
                        cert.toString(),
                        "--tls-key",
                        key.toString(),
                        "--tls-reload-check-ms",
                        "0")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            SSLContext trusting = certs.sslContext(null);
            Awaits.await(Duration.ofSeconds(60), "the server process serves TLS", () -> {
                try (TlsLines first = new TlsLines(trusting, port)) {
                    return first.serverCertificate().equals(serverCert.certificate());
                } catch (IOException notYet) {
                    return false;
                }
            });
            Issued renewed = certs.server("renewed");
            TestCertificates.replace(renewed, cert, key);
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(server.pid()))
                    .inheritIO()
                    .start();
            assertThat(kill.waitFor()).isZero();
            if (sighupIgnoredHere()) {
                // Started under nohup (the child inherits the disposition): the server says it cannot reload on
                // SIGHUP, and the signal neither reloads nor stops it.
                Awaits.await(
                        Duration.ofSeconds(60),
                        "the server said SIGHUP is ignored",
                        () -> Files.readString(log).contains("SWB0115"));
                Thread.sleep(1_000);
                try (TlsLines same = new TlsLines(trusting, port)) {
                    assertThat(same.serverCertificate()).isEqualTo(serverCert.certificate());
                }
            } else {
                Awaits.await(Duration.ofSeconds(60), "SIGHUP reloaded the certificate", () -> {
                    try (TlsLines fresh = new TlsLines(trusting, port)) {
                        return fresh.serverCertificate().equals(renewed.certificate());
                    }
                });
                assertThat(Files.readString(log)).contains("reloaded (SIGHUP)").doesNotContain("SWB0115");
            }
            assertThat(server.isAlive()).as("SIGHUP does not stop the server").isTrue();
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    /** Whether this process ignores SIGHUP (Linux: bit 0 of SigIgn), as processes started with nohup do. */
    private static boolean sighupIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(
                                        line.substring("SigIgn:".length()).trim(), 16)
                                & 1)
                        != 0;
            }
        }
        return false;
    }

    @Test
    void theUnixSocketStaysPlainAndTheRegistryAnnouncesTls() throws Exception {
        Path socket = Path.of("/tmp", "sb-tls-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".sock");
        server = SwitchboardServer.start(tls().unixSocket(socket).build());
        try (io.switchboard.server.testing.TestPeer plain = io.switchboard.server.testing.TestPeer.text(socket)) {
            plain.writeLine("{\"type\":\"hello\",\"version\":1,\"client\":\"local\",\"codecs\":[\"json\"]}");
            assertThat(plain.nextLine()).contains("welcome");
            plain.writeLine("{\"type\":\"resolve\",\"req\":1,\"name\":\"switchboard\"}");
            assertThat(plain.nextLine()).contains("tls://127.0.0.1:" + server.tcpPort());
        }
    }

    private void assertStartFails(Path cert, Path key, String message) {
        assertThatThrownBy(() -> SwitchboardServer.start(
                        ServerConfig.builder().port(0).tlsCert(cert).tlsKey(key).build()))
                .isInstanceOfSatisfying(
                        ServerStartException.class,
                        e -> assertThat(e.isConfigError()).isTrue())
                .hasMessageContaining(message);
    }

    /** A client trusting our CA (so the server is trusted) but presenting a certificate of {@code ca}. */
    private SSLContext mixed(Issued identity, TestCertificates ca) throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certs.caCertificate());
        javax.net.ssl.TrustManagerFactory tmf =
                javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(
                "me", identity.key(), new char[0], new X509Certificate[] {identity.certificate(), ca.caCertificate()});
        javax.net.ssl.KeyManagerFactory kmf =
                javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /**
     * The server refuses: either the handshake fails, or (TLS 1.3, where the client finishes first) the first read
     * fails or finds the connection closed. Never a WELCOME.
     */
    private void assertRefused(SSLContext context) {
        Optional<String> answer;
        try (TlsLines peer = new TlsLines(context, server.tcpPort())) {
            answer = Optional.ofNullable(peer.hello("intruder"));
        } catch (IOException expected) {
            return;
        }
        assertThat(answer).isEmpty();
    }

    @Test
    void aFloodOfFailedHandshakesLogsAtMostOneLineAtInfo() throws Exception {
        server = SwitchboardServer.start(tls().build());
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger(TlsPeer.class);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(appender);
        int attempts = 40;
        try {
            for (int i = 0; i < attempts; i++) {
                try (Socket plain = new Socket("127.0.0.1", server.tcpPort())) {
                    plain.setSoTimeout(10_000);
                    plain.getOutputStream().write("not tls at all\n".getBytes(StandardCharsets.US_ASCII));
                    plain.getInputStream().readAllBytes();
                }
            }
            Awaits.await(Duration.ofSeconds(20), "every failed handshake logged", () -> failures(appender) == attempts);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        // One report per 10 s (none if another test of this JVM reported less than 10 s ago); the rest at DEBUG.
        assertThat(appender.list.stream()
                        .filter(e -> e.getLevel() == Level.INFO)
                        .count())
                .isLessThanOrEqualTo(1);
    }

    private static long failures(ListAppender<ILoggingEvent> appender) {
        return appender.list.stream()
                .filter(e -> e.getFormattedMessage().contains("TLS handshake on"))
                .count();
    }
}
