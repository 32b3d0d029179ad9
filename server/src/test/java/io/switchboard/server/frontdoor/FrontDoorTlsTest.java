package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.message.Deliver;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ConfigOption;
import io.switchboard.server.testing.HandlerPeer;
import io.switchboard.server.testing.TcpUser;
import io.switchboard.server.testing.WebSocketUser;
import io.switchboard.testsupport.TestCertificates;
import io.switchboard.testsupport.TestCertificates.Issued;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Front doors with TLS over real sockets: raw lines in TLS, wss://, and mutual TLS on a front door. */
class FrontDoorTlsTest extends FrontDoorServerTest {

    @TempDir
    Path dir;

    private TestCertificates certs;
    private Issued serverCert;

    @BeforeEach
    void certificates() {
        certs = TestCertificates.in(dir);
        serverCert = certs.server("door");
    }

    private FrontDoorConfig.Builder withTls(FrontDoorConfig.Builder door) {
        return door.tlsCert(serverCert.certFile()).tlsKey(serverCert.keyFile());
    }

    @Test
    void rawLinesTravelInsideTls() throws Exception {
        start(withTls(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo")));
        HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "echo", "json"));
        handler.ack("welcome-back");
        TcpUser user = track(new TcpUser(tlsSocket(certs.sslContext(null), server.frontDoorPort("echo"))));
        handler.ack("connect");
        user.send("secret");
        Deliver input = handler.event("input");
        assertThat(handler.payload(input).asText()).isEqualTo("secret");
        handler.ok(input, "SECRET");
        assertThat(user.next()).isEqualTo("SECRET");
        // A broadcast's bytes are shared by every line; each line's SslHandler still encrypts its own copy.
        handler.lines("broadcast", Map.of("front_door", "echo", "text", "to all, privately"));
        assertThat(user.next()).isEqualTo("to all, privately");
    }

    @Test
    void webSocketFrontDoorServesWss() throws Exception {
        start(withTls(
                FrontDoorConfig.builder(FrontDoorProtocol.WEBSOCKET, 0, "chat").path("/chat")));
        HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "chat", "json"));
        handler.ack("welcome-back");
        WebSocketUser user = track(wss(certs.sslContext(null), server.frontDoorPort("chat")));
        handler.ack("connect");
        user.sendText("hi");
        Deliver input = handler.event("input");
        assertThat(handler.payload(input).asText()).isEqualTo("hi");
        handler.ok(input, "HI");
        assertThat(user.nextText()).isEqualTo("HI");
        // A broadcast's frame is encoded once, before TLS: each line's SslHandler still encrypts its own copy.
        handler.lines("broadcast", Map.of("front_door", "chat", "text", "to all, privately"));
        assertThat(user.nextText()).isEqualTo("to all, privately");
    }

    @Test
    void mutualTlsOnAWssFrontDoorNeedsAClientCertificate() throws Exception {
        start(withTls(FrontDoorConfig.builder(FrontDoorProtocol.WEBSOCKET, 0, "chat")
                        .path("/chat"))
                .tlsClientCa(certs.caFile()));
        HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "chat", "json"));
        handler.ack("welcome-back");
        int port = server.frontDoorPort("chat");
        assertThatThrownBy(() -> wss(certs.sslContext(null), port)).isInstanceOf(Exception.class);

        Issued bob = certs.client("bob", "bob");
        WebSocketUser user = track(wss(certs.sslContext(bob), port));
        handler.ack("connect");
        user.sendText("it is bob");
        Deliver input = handler.event("input");
        assertThat(handler.payload(input).asText()).isEqualTo("it is bob");
        handler.ok(input, null);
        assertThat(server.frontDoorStats("chat").openLines()).isEqualTo(1);
    }

    @Test
    void frontDoorTlsOptionsComeFromUrlsAndAreChecked() {
        String url = "tcp://127.0.0.1:0?alias=echo&tls-cert=" + serverCert.certFile() + "&tls-key="
                + serverCert.keyFile() + "&tls-client-ca=" + certs.caFile() + "&tls-min-version=TLSv1.3";
        ServerConfig config = ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.FRONT_DOORS, url))
                .server();
        FrontDoorConfig door = config.frontDoors().get(0);
        assertThat(door.tls()).isPresent();
        assertThat(door.tls().get().mutual()).isTrue();
        assertThat(door.tls().get().protocols()).isEqualTo(List.of("TLSv1.3"));
        assertThatThrownBy(() -> ConfigLoader.load(
                        null,
                        Map.of(),
                        Map.of(
                                ConfigOption.FRONT_DOORS,
                                "tcp://127.0.0.1:0?alias=echo&tls-key=" + serverCert.keyFile())))
                .hasMessageContaining("front door 'echo': tls-key is set but tls-cert is not");
        Issued expired = certs.expiredServer("expired");
        assertThatThrownBy(() -> start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo")
                        .tlsCert(expired.certFile())
                        .tlsKey(expired.keyFile())))
                .hasMessageContaining("tls-cert file " + expired.certFile())
                .hasMessageContaining("expired");
    }

    private static SSLSocket tlsSocket(SSLContext context, int port) throws Exception {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    private static WebSocketUser wss(SSLContext context, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(context).build();
        return new WebSocketUser(client, URI.create("wss://127.0.0.1:" + port + "/chat"));
    }
}
