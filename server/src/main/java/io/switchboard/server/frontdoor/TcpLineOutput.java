package io.switchboard.server.frontdoor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;

/** A tcp line's output: each message followed by {@code \n}; {@code closed: <reason>} before a close. */
final class TcpLineOutput implements LineOutput {

    private final Channel channel;

    TcpLineOutput(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void text(String text) {
        channel.writeAndFlush(line(text), channel.voidPromise());
    }

    @Override
    public void binary(byte[] bytes) {
        ByteBuf buf = channel.alloc().buffer(bytes.length + 1);
        buf.writeBytes(bytes).writeByte('\n');
        channel.writeAndFlush(buf, channel.voidPromise());
    }

    @Override
    public void queueShared(SharedMessage message) {
        channel.write(message.tcp().retainedDuplicate(), channel.voidPromise());
    }

    /** A broadcast's form for every tcp line: {@code message} followed by {@code \n}, text or binary alike. */
    static ByteBuf encodeShared(byte[] message, ByteBufAllocator allocator) {
        return allocator.directBuffer(message.length + 1).writeBytes(message).writeByte('\n');
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public void close(CloseReason reason) {
        LingeringClose.after(channel.writeAndFlush(line("closed: " + reason.text())));
    }

    private ByteBuf line(String text) {
        ByteBuf buf = channel.alloc().buffer(ByteBufUtil.utf8MaxBytes(text) + 1);
        ByteBufUtil.writeUtf8(buf, text);
        return buf.writeByte('\n');
    }
}
