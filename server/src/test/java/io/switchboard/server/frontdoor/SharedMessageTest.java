package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** A broadcast's forms: a tcp line's bytes, and a websocket frame byte for byte as Netty's server encoder makes it. */
class SharedMessageTest {

    /** Around each edge of the frame's three length forms (7 bits, 16 bits, 64 bits). */
    private static final int[] LENGTHS = {0, 1, 125, 126, 127, 65_535, 65_536, 70_001};

    @Test
    void aWebSocketFormIsTheFrameNettysServerEncoderWritesForTextAndBinary() {
        for (int length : LENGTHS) {
            for (boolean binary : new boolean[] {false, true}) {
                byte[] message = message(length);
                SharedMessage shared = SharedMessage.encode(message, binary, EnumSet.of(FrontDoorProtocol.WEBSOCKET));
                try {
                    assertThat(ByteBufUtil.getBytes(shared.webSocket()))
                            .as("%s frame of %d bytes", binary ? "binary" : "text", length)
                            .isEqualTo(nettyServerFrame(message, binary));
                } finally {
                    shared.release();
                }
            }
        }
    }

    @Test
    void aClientsDecoderReadsTheWebSocketFormAsOneFinalUnmaskedFrameOfTheRightKind() {
        for (int length : LENGTHS) {
            byte[] message = message(length);
            SharedMessage shared = SharedMessage.encode(message, false, EnumSet.of(FrontDoorProtocol.WEBSOCKET));
            EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                    .expectMaskedFrames(false) // a client reads a server's frames, which are never masked
                    .maxFramePayloadLength(1 << 20)
                    .build()));
            try {
                client.writeInbound(shared.webSocket().retainedDuplicate());
                WebSocketFrame frame = client.readInbound();
                assertThat(frame).as("a frame of %d bytes", length).isInstanceOf(TextWebSocketFrame.class);
                assertThat(frame.isFinalFragment()).isTrue();
                assertThat(ByteBufUtil.getBytes(frame.content())).isEqualTo(message);
                frame.release();
                assertThat((Object) client.readInbound())
                        .as("nothing after the frame")
                        .isNull();
            } finally {
                client.finishAndReleaseAll();
                shared.release();
            }
        }
    }

    @Test
    void aTcpFormIsTheMessageAndANewlineWhetherTextOrBinary() {
        for (boolean binary : new boolean[] {false, true}) {
            SharedMessage shared = SharedMessage.encode(
                    "news".getBytes(StandardCharsets.UTF_8), binary, EnumSet.of(FrontDoorProtocol.TCP));
            try {
                assertThat(shared.tcp().toString(StandardCharsets.UTF_8)).isEqualTo("news\n");
            } finally {
                shared.release();
            }
        }
    }

    @Test
    void onlyTheFormsOfTheTargetsProtocolsAreEncodedAndTheyMoveTogether() {
        SharedMessage tcpOnly = SharedMessage.encode(new byte[] {1}, false, EnumSet.of(FrontDoorProtocol.TCP));
        assertThatThrownBy(tcpOnly::webSocket)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no websocket form");
        tcpOnly.release();
        assertThat(tcpOnly.tcp().refCnt()).isZero();

        SharedMessage both = SharedMessage.encode(new byte[] {1}, false, EnumSet.allOf(FrontDoorProtocol.class));
        both.retain();
        assertThat(both.tcp().refCnt()).isEqualTo(2);
        assertThat(both.webSocket().refCnt()).isEqualTo(2);
        both.release();
        both.release();
        assertThat(both.tcp().refCnt()).isZero();
        assertThat(both.webSocket().refCnt()).isZero();
    }

    private static byte[] message(int length) {
        byte[] message = new byte[length];
        for (int i = 0; i < length; i++) {
            message[i] = (byte) ('a' + i % 26);
        }
        return message;
    }

    /** What Netty's encoder on a server's pipeline (no masking) writes for one frame: header and payload. */
    private static byte[] nettyServerFrame(byte[] message, boolean binary) {
        EmbeddedChannel server = new EmbeddedChannel(new WebSocket13FrameEncoder(false));
        try {
            ByteBuf content = Unpooled.wrappedBuffer(message);
            server.writeOutbound(binary ? new BinaryWebSocketFrame(content) : new TextWebSocketFrame(content));
            ByteBuf all = Unpooled.buffer();
            for (ByteBuf part = server.readOutbound(); part != null; part = server.readOutbound()) {
                all.writeBytes(part);
                part.release();
            }
            return ByteBufUtil.getBytes(all);
        } finally {
            server.finishAndReleaseAll();
        }
    }
}
