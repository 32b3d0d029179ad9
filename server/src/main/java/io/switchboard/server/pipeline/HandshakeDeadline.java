package io.switchboard.server.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.codec.TextMessageEncoder;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.server.routing.Connection;
import java.util.concurrent.TimeUnit;

/** Closes a connection that has not completed its handshake in time; removed when WELCOME is sent. */
final class HandshakeDeadline extends ChannelInboundHandlerAdapter {

    private final Connection connection;
    private final long timeoutMs;
    /** What the peer is told at the deadline; null for the usual {@code handshake-required}. */
    private final ErrorMessage onExpiry;

    private ScheduledFuture<?> timer;

    HandshakeDeadline(Connection connection, long timeoutMs) {
        this(connection, timeoutMs, null);
    }

    HandshakeDeadline(Connection connection, long timeoutMs, ErrorMessage onExpiry) {
        this.connection = connection;
        this.timeoutMs = timeoutMs;
        this.onExpiry = onExpiry;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> expire(ctx), timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void expire(ChannelHandlerContext ctx) {
        ErrorMessage error = onExpiry != null
                ? onExpiry
                : new ErrorMessage(0, ErrorCode.HANDSHAKE_REQUIRED, "no HELLO within " + timeoutMs + " ms");
        if (ctx.pipeline().get("detect") != null) {
            // No byte yet, so no encoder: answer in text mode, which any peer can read.
            ByteBuf line = ctx.alloc().buffer();
            TextMessageEncoder.encode(error, line);
            ctx.channel().writeAndFlush(line).addListener(ChannelFutureListener.CLOSE);
        } else {
            connection.send(error);
            connection.close();
        }
    }
}
