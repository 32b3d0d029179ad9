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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the connection provably alive: PING when we wrote nothing for one interval, close when the peer
 * sent nothing for three, PONG for every PING. The intervals come from the IdleStateHandler before it.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatHandler.class);

    private final Connection connection;
    private long nextPingId;

    HeartbeatHandler(Connection connection) {
        this.connection = connection;
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
        if (!(evt instanceof IdleStateEvent idle)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (idle.state() == IdleState.WRITER_IDLE) {
            connection.send(new Ping(++nextPingId));
        } else if (idle.state() == IdleState.READER_IDLE) {
            log.info("{} silent for three heartbeat intervals; closing", connection);
            connection.send(new ErrorMessage(0, ErrorCode.HEARTBEAT_TIMEOUT,
                    "nothing received for three heartbeat intervals"));
            connection.close();
        }
    }
}
