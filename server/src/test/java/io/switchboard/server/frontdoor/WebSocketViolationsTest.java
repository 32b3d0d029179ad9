package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.RawWebSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A websocket user who breaks the protocol is closed with the status that says how (RFC 6455 7.4.1), not with a
 * normal closure; an upgrade request with a body is answered 413 and closed. Raw frames over a real socket.
 */
class WebSocketViolationsTest extends FrontDoorServerTest {

    private static final int FIN_TEXT = 0x81;
    private static final int FIN_BINARY = 0x82;

    private int start(int maxMessageBytes) {
        return start(
                FrontDoorConfig.builder(FrontDoorProtocol.WEBSOCKET, 0, "echo").maxMessageBytes(maxMessageBytes));
    }

    private RawWebSocket upgraded(int port) throws Exception {
        RawWebSocket user = track(RawWebSocket.upgraded(port, "/", null));
        Awaits.until("the line is open", () -> server.frontDoorStats("echo").openLines() == 1);
        return user;
    }

    @Test
    void aTextFrameThatIsNotUtf8ClosesWith1007() throws Exception {
        RawWebSocket user = upgraded(start(1024));
        user.sendFrame(FIN_TEXT, new byte[] {(byte) 0xc3, 0x28}, true);
        RawWebSocket.Frame close = user.awaitClose();
        assertThat(close.closeStatus()).isEqualTo(1007);
        assertThat(close.closeReason()).isEqualTo("text message is not valid UTF-8");
        assertThat(user.closedByServer()).isTrue();
        assertThat(server.frontDoorStats("echo").closedProtocolError()).isEqualTo(1);
    }

    @Test
    void anUnmaskedFrameClosesWith1002() throws Exception {
        RawWebSocket user = upgraded(start(1024));
        user.sendFrame(FIN_TEXT, "hi".getBytes(StandardCharsets.UTF_8), false);
        RawWebSocket.Frame close = user.awaitClose();
        assertThat(close.closeStatus()).isEqualTo(1002);
        assertThat(close.closeReason()).isEqualTo("protocol error");
        assertThat(user.closedByServer()).isTrue();
    }

    @Test
    void aReservedOpcodeClosesWith1002() throws Exception {
        RawWebSocket user = upgraded(start(1024));
        user.sendFrame(0x83, new byte[] {1}, true);
        assertThat(user.awaitClose().closeStatus()).isEqualTo(1002);
    }

    @Test
    void aFragmentedPingClosesWith1002() throws Exception {
        RawWebSocket user = upgraded(start(1024));
        user.sendFrame(0x09, new byte[] {1}, true); // a control frame without FIN
        assertThat(user.awaitClose().closeStatus()).isEqualTo(1002);
    }

    @Test
    void aSingleFrameOverTheLimitClosesWith1009() throws Exception {
        RawWebSocket user = upgraded(start(16));
        user.sendFrame(FIN_BINARY, new byte[17], true);
        RawWebSocket.Frame close = user.awaitClose();
        assertThat(close.closeStatus()).isEqualTo(1009);
        assertThat(close.closeReason()).isEqualTo("message too long");
        assertThat(server.frontDoorStats("echo").closedMessageTooLong()).isEqualTo(1);
    }

    @Test
    void anUpgradeRequestWithAMegabyteBodyGets413AndIsClosed() throws Exception {
        int port = start(1024);
        RawWebSocket user = track(new RawWebSocket(port, null));
        String head = RawWebSocket.upgradeRequest("/").replace("\r\n\r\n", "\r\nContent-Length: 1048576\r\n\r\n");
        user.write(head.getBytes(StandardCharsets.US_ASCII));
        user.write(new byte[64 * 1024]); // the start of the body; the server answers before it all came
        assertThat(user.readResponseHead()).startsWith("HTTP/1.1 413");
        assertThat(user.closedByServer()).as("closed after the 413").isTrue();
        assertThat(server.frontDoorStats("echo").openLines()).isZero();
    }
}
