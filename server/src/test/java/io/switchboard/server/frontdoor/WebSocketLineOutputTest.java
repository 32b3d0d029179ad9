package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * A websocket line's share of a broadcast goes through the line's websocket handlers as raw frame bytes: after a
 * close frame nothing more may be sent (RFC 6455, 5.5.1), and a broadcast's frame is no exception.
 */
class WebSocketLineOutputTest {

    @Test
    void aBroadcastAfterTheCloseFrameIsNotSentAndReleasesItsView() {
        // Outbound, as on a line after its upgrade: the protocol handler, then Netty's frame encoder.
        EmbeddedChannel line =
                new EmbeddedChannel(new WebSocket13FrameEncoder(false), new WebSocketServerProtocolHandler("/"));
        SharedMessage shared = SharedMessage.encode(
                "news".getBytes(StandardCharsets.UTF_8), false, EnumSet.of(FrontDoorProtocol.WEBSOCKET));
        try {
            WebSocketLineOutput output = new WebSocketLineOutput(line);
            output.queueShared(shared);
            output.flush();
            assertThat(outbound(line))
                    .as("before the close: the frame as encoded")
                    .isEqualTo(bytes(shared));

            line.writeOutbound(new CloseWebSocketFrame(1000, "bye"));
            ByteBuf close = line.readOutbound();
            assertThat(close.getByte(0) & 0x0f).as("the close frame's opcode").isEqualTo(0x8);
            close.release();

            output.queueShared(shared);
            output.flush();
            assertThat((Object) line.readOutbound())
                    .as("nothing after the close frame")
                    .isNull();
            assertThatThrownBy(line::checkException).isInstanceOf(ClosedChannelException.class);
            assertThat(shared.webSocket().refCnt())
                    .as("the refused view released")
                    .isEqualTo(1);
        } finally {
            shared.release();
            line.finishAndReleaseAll();
        }
    }

    private static byte[] outbound(EmbeddedChannel channel) {
        ByteBuf sent = channel.readOutbound();
        try {
            return ByteBufUtil.getBytes(sent);
        } finally {
            sent.release();
        }
    }

    private static byte[] bytes(SharedMessage shared) {
        return ByteBufUtil.getBytes(shared.webSocket());
    }
}
