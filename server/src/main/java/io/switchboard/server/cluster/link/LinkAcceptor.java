package io.switchboard.server.cluster.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jgroups.Address;

/**
 * The accepting end's handshake: sends a fresh challenge, and takes the connection as the named member's only when
 * its hello proves this node's secret and it is in the current view. Then the large frame decoder and
 * {@link LinkInbound} take over; until then frames are at most a handshake's size. Anything else closes the
 * connection, logged (at most once a minute), with nothing passed on.
 */
final class LinkAcceptor extends ChannelInboundHandlerAdapter {

    private final NodeLinks links;
    private byte[] nonce;
    private boolean counted;
    private boolean done;
    private ScheduledFuture<?> timeout;

    LinkAcceptor(NodeLinks links) {
        this.links = links;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!links.beginHandshake()) {
            done = true;
            links.refused(ctx.channel().remoteAddress(), "too many connections in their handshake");
            ctx.close();
            return;
        }
        counted = true;
        byte[] challenge = LinkAuth.challenge();
        nonce = LinkAuth.nonceOf(challenge);
        ctx.writeAndFlush(LinkFrames.frame(ctx.alloc(), challenge));
        timeout = ctx.executor()
                .schedule(
                        () -> refuse(ctx, "no hello within " + links.handshakeTimeoutMs() + " ms"),
                        links.handshakeTimeoutMs(),
                        TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (done) {
                return;
            }
            Address from = links.authenticate(LinkFrames.bytes(frame), nonce);
            finish();
            ChannelPipeline p = ctx.pipeline();
            p.addAfter("frames", "link-frames", LinkFrames.decoder(links.maxMessageBytes()));
            p.replace(this, "link-in", new LinkInbound(links, from));
            p.remove("frames"); // what it holds beyond the hello goes on to the large decoder
            links.inboundOpened(from, ctx.channel());
        } catch (IllegalArgumentException e) {
            refuse(ctx, e.getMessage());
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        finish();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        refuse(ctx, cause.getMessage() == null ? cause.toString() : cause.getMessage());
    }

    private void refuse(ChannelHandlerContext ctx, String why) {
        if (!done) {
            links.refused(ctx.channel().remoteAddress(), why);
        }
        finish();
        ctx.close();
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (counted) {
            links.endHandshake();
        }
    }
}
