package io.switchboard.server.frontdoor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;

/** A websocket line's output: text and binary frames; a close frame with status and reason before a close. */
final class WebSocketLineOutput implements LineOutput {

    /** A close frame's reason may hold 123 bytes (125 minus the status code). */
    private static final int MAX_REASON_BYTES = 123;

    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_BINARY = 0x2;

    private final Channel channel;

    WebSocketLineOutput(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void text(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text), channel.voidPromise());
    }

    @Override
    public void binary(byte[] bytes) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)), channel.voidPromise());
    }

    /**
     * Writes the frame's bytes as they are: the websocket encoder passes a buffer on untouched (it encodes only
     * frames), and the handshake is complete before a line opens, so the HTTP encoder is gone. A close frame sent
     * earlier still stops it, as it stops any later frame.
     */
    @Override
    public void queueShared(SharedMessage message) {
        channel.write(message.webSocket().retainedDuplicate(), channel.voidPromise());
    }

    /**
     * A broadcast's form for every websocket line: one whole frame (RFC 6455, section 5.2), final, text or binary,
     * unmasked. A server never masks its frames and the front door negotiates no extension, so every line sends the
     * same bytes, the ones Netty's encoder would write for each.
     */
    static ByteBuf encodeShared(byte[] message, boolean binary, ByteBufAllocator allocator) {
        int length = message.length;
        int lengthBytes = length < 126 ? 0 : length <= 0xFFFF ? 2 : 8;
        ByteBuf frame = allocator.directBuffer(2 + lengthBytes + length);
        frame.writeByte(0x80 | (binary ? OPCODE_BINARY : OPCODE_TEXT)); // FIN: the whole message in one frame
        if (lengthBytes == 0) {
            frame.writeByte(length);
        } else if (lengthBytes == 2) {
            frame.writeByte(126).writeShort(length);
        } else {
            frame.writeByte(127).writeLong(length);
        }
        return frame.writeBytes(message);
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void close(CloseReason reason) {
        LingeringClose.after(
                channel.writeAndFlush(new CloseWebSocketFrame(reason.webSocketStatus(), truncate(reason.text()))));
    }

    private static String truncate(String reason) {
        String cut = reason;
        while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}
