package io.switchboard.server.frontdoor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundInvoker;

/** A tcp line's output: each message followed by {@code \n}; {@code closed: <reason>} before a close. */
final class TcpLineOutput implements LineOutput {

    private final Channel channel;
    /** Where writes enter the pipeline: the channel (its tail), or a context past which nothing handles writes. */
    private final ChannelOutboundInvoker writes;

    /**
     * Writes entering at {@code writes}: the channel itself (the whole pipeline), or a context after which no
     * handler needs to see them, so a broadcast does not walk the inbound handlers' contexts of 20,000 lines
     * ({@link FrontDoorPipelines#tcpWrites}).
     */
    TcpLineOutput(Channel channel, ChannelOutboundInvoker writes) {
        this.channel = channel;
        this.writes = writes;
    }

    @Override
    public void text(String text) {
        writes.writeAndFlush(line(text), channel.voidPromise());
    }

    @Override
    public void binary(byte[] bytes) {
        ByteBuf buf = channel.alloc().buffer(bytes.length + 1);
        buf.writeBytes(bytes).writeByte('\n');
        writes.writeAndFlush(buf, channel.voidPromise());
    }

    @Override
    public void queueShared(SharedMessage message) {
        writes.write(message.tcp().retainedDuplicate(), channel.voidPromise());
    }

    /** A broadcast's form for every tcp line: {@code message} followed by {@code \n}, text or binary alike. */
    static ByteBuf encodeShared(byte[] message, ByteBufAllocator allocator) {
        return allocator.directBuffer(message.length + 1).writeBytes(message).writeByte('\n');
    }

    @Override
    public void flush() {
        writes.flush();
    }

    @Override
    public void close(CloseReason reason) {
        LingeringClose.after(writes.writeAndFlush(line("closed: " + reason.text())));
    }

    private ByteBuf line(String text) {
        ByteBuf buf = channel.alloc().buffer(ByteBufUtil.utf8MaxBytes(text) + 1);
        ByteBufUtil.writeUtf8(buf, text);
        return buf.writeByte('\n');
    }
}
