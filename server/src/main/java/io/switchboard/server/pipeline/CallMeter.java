package io.switchboard.server.pipeline;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.server.routing.Traffic;

/**
 * Between the codec and the handshake/session: counts the DELIVERs the client sends (calls it makes) and those
 * written to it (calls it takes as a publisher), on the connection's own event loop.
 */
final class CallMeter extends ChannelDuplexHandler {

    private final Traffic traffic;

    CallMeter(Traffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Deliver) {
            traffic.callMade();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Deliver) {
            traffic.callTaken();
        }
        ctx.write(msg, promise);
    }
}
