package io.switchboard.server.frontdoor;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Collects a websocket front door's upgrade request, which is headers only. A request with a bigger body is no
 * websocket client: it gets {@code 413} and the connection is closed (Netty's aggregator would keep a keep-alive
 * connection open and go on reading the body).
 */
final class UpgradeRequestAggregator extends HttpObjectAggregator {

    private final RefusalLog refusals;

    UpgradeRequestAggregator(int maxBytes, RefusalLog refusals) {
        super(maxBytes);
        this.refusals = refusals;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        refusals.refused(ctx.channel().remoteAddress(), "upgrade request over " + maxContentLength() + " bytes (413)");
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.EMPTY_BUFFER);
        response.headers()
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
