package io.switchboard.server.frontdoor;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A websocket line: the line opens when the upgrade completes, which must be within handshake-timeout of the
 * connection; each (reassembled) text or binary message is one input. A line silent for ping-interval is pinged,
 * and closed when still silent as long again. A plain HTTP request for another path gets 404. A protocol violation
 * closes with its status: 1002, 1007 (text not UTF-8), 1009 (too big).
 */
final class WebSocketLineHandler extends LineHandler {

    private ScheduledFuture<?> handshakeDeadline;

    WebSocketLineHandler(FrontDoor door) {
        super(door);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        // Silent or half-upgraded connections would otherwise stay forever.
        handshakeDeadline = ctx.executor()
                .schedule(
                        () -> {
                            door.counters.closedSilent.increment();
                            door.refusals.refused(
                                    ctx.channel().remoteAddress(),
                                    "no websocket upgrade within handshake-timeout ("
                                            + door.config.guards().handshakeTimeoutMs() + " ms)");
                            ctx.close();
                        },
                        door.config.guards().handshakeTimeoutMs(),
                        TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelHandshakeDeadline();
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            cancelHandshakeDeadline();
            open(ctx, new WebSocketLineOutput(ctx.channel()));
        } else if (evt instanceof IdleStateEvent idle) {
            silent(ctx, idle);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    /** Before the upgrade the handshake deadline rules; after it, ping once, then close. */
    private void silent(ChannelHandlerContext ctx, IdleStateEvent idle) {
        if (!opened()) {
            return;
        }
        if (idle.isFirst()) {
            // From the tail, so it goes through the websocket encoder.
            ctx.channel().writeAndFlush(new PingWebSocketFrame(), ctx.channel().voidPromise());
        } else {
            closeFor(ctx, CloseReason.NO_PONG);
        }
    }

    private void cancelHandshakeDeadline() {
        if (handshakeDeadline != null) {
            handshakeDeadline.cancel(false);
            handshakeDeadline = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame text) {
                received(ByteBufUtil.getBytes(text.content()), false);
            } else if (msg instanceof BinaryWebSocketFrame binary) {
                received(ByteBufUtil.getBytes(binary.content()), true);
            } else if (msg instanceof FullHttpRequest) {
                ctx.writeAndFlush(new DefaultFullHttpResponse(
                                ((FullHttpRequest) msg).protocolVersion(),
                                HttpResponseStatus.NOT_FOUND,
                                Unpooled.EMPTY_BUFFER))
                        .addListener(ChannelFutureListener.CLOSE);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        CloseReason violation = violation(cause);
        if (violation != null && opened()) {
            closeFor(ctx, violation);
        } else {
            closeBroken(ctx, cause);
        }
    }

    /** The close reason for a frame the user should not have sent; null when it is something else. */
    static CloseReason violation(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            return CloseReason.MESSAGE_TOO_LONG;
        }
        if (cause instanceof CorruptedWebSocketFrameException corrupt && corrupt.closeStatus() != null) {
            int code = corrupt.closeStatus().code();
            if (code == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
                return CloseReason.MESSAGE_TOO_LONG;
            }
            if (code == WebSocketCloseStatus.INVALID_PAYLOAD_DATA.code()) {
                return CloseReason.INVALID_TEXT;
            }
            return CloseReason.PROTOCOL_ERROR;
        }
        return cause instanceof CorruptedFrameException ? CloseReason.PROTOCOL_ERROR : null;
    }
}
