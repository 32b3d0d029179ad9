package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * W9d: a frame (or line) left incomplete after the handshake is held at most {@code partial-frame-timeout-ms}, then
 * the peer gets ERROR and a close, also while it trickles bytes. Idle connections are left to the heartbeat.
 */
class PartialFrameTimeoutTest {

    private static final long PARTIAL_MS = 1000;
    private SwitchboardServer server;

    @BeforeEach
    void start() {
        // Heartbeats far beyond every wait here: a close within them is the partial-frame deadline's.
        server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .heartbeatMs(120_000)
                .partialFrameTimeoutMs(PARTIAL_MS)
                .build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBinaryFrameLeftIncompleteIsRefusedAndClosed() throws Exception {
        try (TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("json");
            peer.writeRaw(new byte[] {0, 0, 0, 100, 0x13, '{'}); // a LIST of 100 bytes, 2 of them sent
            ErrorMessage error = peer.expect(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error.message()).contains("incomplete").contains("partial-frame-timeout-ms");
            peer.awaitClosed();
        }
    }

    @Test
    void aTextLineTrickledByteByByteIsStillCutOff() throws Exception {
        try (TestPeer peer = TestPeer.text(server.tcpPort())) {
            peer.writeLine("{\"type\":\"hello\",\"version\":1}");
            peer.expect(Welcome.class);
            byte[] line = "{\"type\":\"list\",\"req\":1,\"padding\":\"".getBytes(StandardCharsets.UTF_8);
            long start = System.nanoTime();
            boolean closed = false;
            // One byte every 50 ms: every byte is a sign of life, but the line never ends.
            for (int i = 0; i < 200 && !closed; i++) {
                try {
                    peer.writeRaw(new byte[] {line[i % line.length]});
                } catch (java.io.IOException e) {
                    closed = true;
                }
                Thread.sleep(50);
                closed |= peer.poll(java.time.Duration.ZERO) instanceof ErrorMessage;
            }
            assertThat(closed).as("cut off while trickling").isTrue();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(PARTIAL_MS * 1_000_000);
            peer.awaitClosed();
        }
    }

    @Test
    void idleConnectionsAndCompleteFramesAreNotTouched() throws Exception {
        try (TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.helloWith(new Hello(1, "idle", null, null, 120_000L));
            Thread.sleep(PARTIAL_MS * 2);
            peer.send(new ListSessions(1));
            assertThat(peer.expect(Listing.class).req()).isEqualTo(1);
            // A frame split over two writes, completed within the deadline, is fine; so is idling afterwards.
            byte[] body = "{\"req\":2}".getBytes(StandardCharsets.UTF_8);
            peer.writeRaw(new byte[] {0, 0, 0, (byte) (1 + body.length), 0x13});
            Thread.sleep(PARTIAL_MS / 10);
            peer.writeRaw(body);
            assertThat(peer.expect(Listing.class).req()).isEqualTo(2);
            Thread.sleep(PARTIAL_MS * 2);
            peer.send(new ListSessions(3));
            assertThat(peer.expect(Listing.class).req()).isEqualTo(3);
        }
    }
}
