package io.switchboard.server.frontdoor;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelOutputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The first handler to see a user's connection (on websocket, right after the HTTP codec): takes its place among
 * its address's connections ({@link AddressLimits}) and gives it back when it closes. A refused connection never
 * becomes a line and the application never hears of it: tcp is told {@code closed: <reason>}; websocket answers
 * its upgrade request {@code 429} (or {@code 503}) with the reason, or closes at {@code handshake-timeout} when no
 * request comes.
 */
final class AddressGate extends ChannelInboundHandlerAdapter {

    private final FrontDoor door;
    /** Set when let in: the place to give back. */
    private InetAddress address;

    private CloseReason refused;
    private boolean answered;

    AddressGate(FrontDoor door) {
        this.door = door;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!(ctx.channel().remoteAddress() instanceof InetSocketAddress remote)) {
            ctx.fireChannelActive(); // no IP address to count by (not a TCP peer)
            return;
        }
        InetAddress from = remote.getAddress();
        refused = door.addresses.open(from);
        if (refused == null) {
            address = from;
            ctx.fireChannelActive();
            return;
        }
        door.counters.closedBy(refused);
        door.refusals.refused(remote, refused.text());
        if (door.config.protocol() == FrontDoorProtocol.TCP) {
            LingeringClose.after(ctx.writeAndFlush(
                    Unpooled.copiedBuffer("closed: " + refused.text() + "\n", StandardCharsets.UTF_8)));
        } else {
            ctx.executor()
                    .schedule(
                            () -> {
                                ctx.close();
                            },
                            door.config.guards().handshakeTimeoutMs(),
                            TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean request = msg instanceof HttpRequest;
        ReferenceCountUtil.release(msg);
        if (request && !answered) {
            answered = true;
            ctx.writeAndFlush(refusal(refused)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        giveBack();
        ctx.fireChannelInactive();
    }

    /** A line whose output shut after its close reason is over; its socket lingers a moment (LingeringClose). */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelOutputShutdownEvent) {
            giveBack();
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void giveBack() {
        if (address != null) {
            door.addresses.closed(address);
            address = null;
        }
    }

    private static FullHttpResponse refusal(CloseReason reason) {
        HttpResponseStatus status = reason == CloseReason.TOO_MANY_LINES
                ? HttpResponseStatus.SERVICE_UNAVAILABLE
                : HttpResponseStatus.TOO_MANY_REQUESTS;
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(reason.text() + "\n", StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return response;
    }
}
