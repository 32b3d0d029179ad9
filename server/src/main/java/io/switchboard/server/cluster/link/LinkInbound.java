package io.switchboard.server.cluster.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.jgroups.Address;

/** A member's authenticated connection: each frame is one message from it, handed on on this event loop. */
final class LinkInbound extends ChannelInboundHandlerAdapter {

    private final NodeLinks links;
    private final Address from;

    LinkInbound(NodeLinks links, Address from) {
        this.links = links;
        this.from = from;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            links.received(from, frame);
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        links.inboundClosed(from, ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        links.badInbound(from, cause);
        ctx.close();
    }
}
