package io.switchboard.server.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import io.switchboard.server.routing.Connection;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the connection provably alive: PING when we wrote nothing for one interval, close when the peer
 * sent nothing for three (reader idleness comes from the IdleStateHandler before it), PONG for every PING.
 *
 * <p>Write idleness is checked by a task once per interval rather than by the IdleStateHandler, whose
 * writer-idle tracking adds a promise and a listener to every single write.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatHandler.class);

    private final Connection connection;
    private final long intervalMs;
    private long nextPingId;
    private ScheduledFuture<?> pinger;

    HeartbeatHandler(Connection connection, long intervalMs) {
        this.connection = connection;
        this.intervalMs = intervalMs;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        pinger = ctx.executor().scheduleAtFixedRate(this::pingIfQuiet, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
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

    private void pingIfQuiet() {
        if (!connection.wroteSinceLastCheck()) {
            connection.send(new Ping(++nextPingId));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Ping ping) {
            connection.send(new Pong(ping.id()));
        } else if (!(msg instanceof Pong)) {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            log.info("{} silent for three heartbeat intervals; closing", connection);
            connection.send(
                    new ErrorMessage(0, ErrorCode.HEARTBEAT_TIMEOUT, "nothing received for three heartbeat intervals"));
            connection.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
