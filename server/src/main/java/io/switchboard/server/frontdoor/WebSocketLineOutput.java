package io.switchboard.server.frontdoor;

import io.netty.buffer.ByteBuf;
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

    @Override
    public void queueShared(ByteBuf withNewline, boolean binary) {
        ByteBuf content = withNewline.retainedSlice(withNewline.readerIndex(), withNewline.readableBytes() - 1);
        channel.write(
                binary ? new BinaryWebSocketFrame(content) : new TextWebSocketFrame(content), channel.voidPromise());
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
