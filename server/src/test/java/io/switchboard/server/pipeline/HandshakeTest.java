package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeTest {

    /** Far beyond every wait here: a connection closed within a test's waits was not closed by this deadline. */
    private static final java.time.Duration HANDSHAKE_TIMEOUT = java.time.Duration.ofSeconds(60);

    private SwitchboardServer server;

    @BeforeEach
    void start() {
        server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .name("hs")
                .aliases(List.of("other"))
                .handshakeTimeoutMs(HANDSHAKE_TIMEOUT.toMillis())
                .build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "cbor", "smile"})
    void welcomesEachCodecAndThenSpeaksIt(String codec) throws Exception {
        try (TestPeer peer = TestPeer.binary(server.tcpPort())) {
            Welcome welcome = peer.hello(codec, "json");
            assertThat(welcome.codec()).isEqualTo(codec);
            assertThat(welcome.server()).isEqualTo("hs");
            assertThat(welcome.aliases()).containsExactly("other");
            assertThat(welcome.version()).isEqualTo(Protocol.VERSION);
            assertThat(welcome.maxFrame()).isEqualTo(1 << 20);
            assertThat(welcome.limits().maxInflight()).isEqualTo(1024);
            peer.send(new ListSessions(7));
            assertThat(peer.expect(Listing.class).req()).isEqualTo(7);
        }
    }

    @Test
    void clampsTheRequestedHeartbeat() throws Exception {
        try (TestPeer peer = TestPeer.binary(server.tcpPort())) {
            Welcome welcome = peer.helloWith(new Hello(Protocol.VERSION, "t", null, null, 1L));
            assertThat(welcome.heartbeatMs()).isEqualTo(100);
            assertThat(welcome.codec()).isEqualTo("json");
        }
    }

    @Test
    void refusesAnotherVersion() throws Exception {
        try (TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.send(new Hello(99, "t", null, null, null));
            assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
            peer.awaitClosed();
        }
    }

    @Test
    void refusesUnknownCodecs() throws Exception {
        try (TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.send(new Hello(Protocol.VERSION, "t", List.of("yaml", "toml"), null, null));
            ErrorMessage refused = peer.expect(ErrorMessage.class);
            assertThat(refused.code()).isEqualTo(ErrorCode.UNKNOWN_CODEC);
            // The plug-in xml is installed next to the built-in codecs.
            assertThat(refused.message())
                    .isEqualTo("none of the codecs [yaml, toml] is known; this server knows [json, cbor, smile, xml]");
            peer.awaitClosed();
        }
    }

    @Test
    void requiresHelloFirst() throws Exception {
        try (TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.send(new ListSessions(1));
            assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.HANDSHAKE_REQUIRED);
            peer.awaitClosed();
        }
    }

    @Test
    void closesAPeerThatNeverSaysHello() throws Exception {
        try (SwitchboardServer impatient = SwitchboardServer.start(
                        ServerConfig.builder().port(0).handshakeTimeoutMs(200).build());
                TestPeer peer = TestPeer.binary(impatient.tcpPort())) {
            assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.HANDSHAKE_REQUIRED);
            peer.awaitClosed();
        }
    }

    @Test
    void closesASilentConnectionWithATextError() throws Exception {
        try (SwitchboardServer impatient = SwitchboardServer.start(
                        ServerConfig.builder().port(0).handshakeTimeoutMs(200).build());
                TestPeer peer = TestPeer.raw(impatient.tcpPort())) {
            assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.HANDSHAKE_REQUIRED);
            peer.awaitClosed();
        }
    }

    @Test
    void refusesAnUnknownFirstByte() throws Exception {
        try (TestPeer peer = TestPeer.raw(server.tcpPort())) {
            peer.writeRaw("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(peer.nextLine()).contains("\"type\":\"error\"").contains("\"code\":\"bad-request\"");
            peer.awaitClosed();
        }
    }

    @Test
    void refusesABadMagic() throws Exception {
        try (TestPeer peer = TestPeer.raw(server.tcpPort())) {
            peer.writeRaw("  SWB9".getBytes(StandardCharsets.US_ASCII));
            assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.BAD_REQUEST);
            peer.awaitClosed();
        }
    }

    @Test
    void aHelloFieldOfTheWrongTypeIsBadRequestNamingItAndTheConnectionIsClosedAtOnce() throws Exception {
        for (String hello : List.of(
                "{\"type\":\"hello\",\"version\":\"1\",\"client\":\"nc\"}",
                "{\"type\":\"hello\",\"version\":1,\"client\":7}")) {
            try (TestPeer peer = TestPeer.text(server.tcpPort())) {
                long sent = System.nanoTime();
                peer.writeLine(hello);
                String error = peer.nextLine();
                assertThat(error)
                        .contains("\"type\":\"error\"")
                        .contains("\"req\":0")
                        .contains("\"code\":\"bad-request\"")
                        .containsAnyOf(
                                "hello \\\"version\\\" must be a whole number",
                                "hello \\\"client\\\" must be a string");
                peer.awaitClosed();
                // Closed after the ERROR, not at the handshake deadline (set far beyond the wait in this class).
                assertThat(System.nanoTime() - sent).isLessThan(HANDSHAKE_TIMEOUT.toNanos());
            }
        }
    }

    @Test
    void aMalformedBinaryHelloIsBadRequestAndClosed() throws Exception {
        try (TestPeer peer = TestPeer.binary(server.tcpPort())) {
            byte[] body = "{\"version\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            peer.writeRaw(java.nio.ByteBuffer.allocate(5 + body.length)
                    .putInt(1 + body.length)
                    .put((byte) 0x01)
                    .put(body)
                    .array());
            assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.BAD_REQUEST);
            peer.awaitClosed();
        }
    }
}
