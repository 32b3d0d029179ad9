package io.switchboard.benchmarks.frontdoor;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.util.concurrent.Future;

/**
 * A websocket user's upgrade as a future: done when the handshake completed, failed with the first reason it did
 * not (the server's refusal, a timeout, a close). Netty keeps its own handshake future private.
 */
final class UpgradeWatch extends ChannelInboundHandlerAdapter {

    private ChannelPromise upgraded;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        upgraded = ctx.newPromise();
    }

    Future<Void> upgraded() {
        return upgraded;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            upgraded.trySuccess();
        } else if (event == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            upgraded.tryFailure(new IllegalStateException("websocket handshake timed out"));
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (upgraded.tryFailure(cause)) {
            ctx.close(); // a failed upgrade: the error is reported by open(), no need to log it here too
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        upgraded.tryFailure(new IllegalStateException("closed before the websocket handshake completed"));
        ctx.fireChannelInactive();
    }
}
