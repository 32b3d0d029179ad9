package io.switchboard.server.frontdoor;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

/**
 * A websocket line: the line opens when the upgrade completes; each (reassembled) text or binary message is one
 * input. A plain HTTP request for another path gets 404.
 */
final class WebSocketLineHandler extends LineHandler {

    WebSocketLineHandler(FrontDoor door) {
        super(door);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            open(ctx, new WebSocketLineOutput(ctx.channel()));
        }
        super.userEventTriggered(ctx, evt);
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
        if (cause instanceof TooLongFrameException
                || (cause instanceof CorruptedWebSocketFrameException corrupt
                        && corrupt.closeStatus() != null
                        && corrupt.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code())) {
            closeFor(ctx, CloseReason.MESSAGE_TOO_LONG);
        } else {
            closeBroken(ctx, cause);
        }
    }
}
