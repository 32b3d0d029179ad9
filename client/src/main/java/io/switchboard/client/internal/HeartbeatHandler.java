package io.switchboard.client.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the connection honest: PING after one quiet interval of writing, close after three intervals with
 * nothing received (the IdleStateHandler before it measures), and PONG for every PING of the server.
 *
 * <p>Write idleness is checked by a task once per interval rather than by the IdleStateHandler, whose
 * writer-idle tracking adds a promise and a listener to every single write.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatHandler.class);
    /** Heartbeat PINGs use id 0, which no request ever has, so their PONGs are simply dropped. */
    static final long HEARTBEAT_ID = 0;

    private final Connection connection;
    private final long intervalMs;
    private ScheduledFuture<?> pinger;

    HeartbeatHandler(Connection connection, long intervalMs) {
        this.connection = connection;
        this.intervalMs = intervalMs;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        pinger = ctx.executor()
                .scheduleAtFixedRate(
                        () -> {
                            if (!connection.wroteSinceLastCheck()) {
                                ctx.writeAndFlush(new Ping(HEARTBEAT_ID), ctx.voidPromise());
                            }
                        },
                        intervalMs,
                        intervalMs,
                        TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        pinger.cancel(false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pinger.cancel(false);
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Ping ping) {
            ctx.writeAndFlush(new Pong(ping.id()), ctx.voidPromise());
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            String why = "nothing heard from " + ctx.channel().remoteAddress() + " for three heartbeat intervals";
            LOG.warn("{}; closing", why);
            // Through the pipeline, so the connection records why it closed before it does.
            ctx.fireExceptionCaught(new IOException(why));
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
