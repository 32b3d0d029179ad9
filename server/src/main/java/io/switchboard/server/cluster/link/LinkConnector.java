package io.switchboard.server.cluster.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The connecting end's handshake: answers the member's challenge with this node's id and the proof of the member's
 * secret, and opens the link. The accepting end sends nothing else; anything more closes the connection.
 */
final class LinkConnector extends ChannelInboundHandlerAdapter {

    private final OutboundLink link;
    private final byte[] targetSecret;
    private boolean answered;

    LinkConnector(OutboundLink link, byte[] targetSecret) {
        this.link = link;
        this.targetSecret = targetSecret;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (answered) {
                link.close("the member sent data on a link it does not write to", false);
                return;
            }
            byte[] nonce = LinkAuth.nonceOf(LinkFrames.bytes(frame));
            answered = true;
            ctx.writeAndFlush(LinkFrames.frame(ctx.alloc(), link.hello(targetSecret, nonce)));
            link.opened(ctx.channel());
        } catch (IllegalArgumentException e) {
            link.close("its link did not send a challenge: " + e.getMessage(), false);
        } finally {
            frame.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        link.close(String.valueOf(cause.getMessage() == null ? cause : cause.getMessage()), false);
        ctx.close();
    }
}
