package io.switchboard.server.monitor;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.switchboard.server.auth.Authenticator;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitoring connection's requests: route, check credentials, run the endpoint (on the monitoring executor
 * when it may block), and answer in request order (pipelined requests wait for the ones before).
 */
final class MonitorHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(MonitorHandler.class);
    /** Requests of one connection waiting for their answer; one more closes the connection. */
    static final int MAX_PIPELINED = 16;

    /** A request's place in the answer order. */
    private static final class Slot {
        boolean keepAlive;
        MonitorResponse response;

        Slot(boolean keepAlive) {
            this.keepAlive = keepAlive;
        }
    }

    private final MonitorServer service;
    private final ArrayDeque<Slot> pending = new ArrayDeque<>();

    MonitorHandler(MonitorServer service) {
        this.service = service;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        if (pending.size() >= MAX_PIPELINED) {
            ctx.close();
            return;
        }
        Slot slot = new Slot(HttpUtil.isKeepAlive(http));
        pending.add(slot);
        if (!http.decoderResult().isSuccess()) {
            slot.keepAlive = false;
            answer(
                    ctx,
                    slot,
                    MonitorResponse.error(HttpResponseStatus.BAD_REQUEST, "bad-request", "malformed HTTP request"));
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(http.uri());
        String path = uri.path();
        Route route = service.router().find(path);
        if (route == null) {
            answer(ctx, slot, notFound(path));
            return;
        }
        if (!route.method().equals(http.method())) {
            answer(
                    ctx,
                    slot,
                    MonitorResponse.error(
                                    HttpResponseStatus.METHOD_NOT_ALLOWED,
                                    "method-not-allowed",
                                    path + " takes " + route.method() + ", not "
                                            + Json.printable(http.method().name()))
                            .withHeader(
                                    HttpHeaderNames.ALLOW.toString(),
                                    route.method().name()));
            return;
        }
        for (String name : uri.parameters().keySet()) {
            if (!route.params().contains(name)) {
                answer(
                        ctx,
                        slot,
                        MonitorResponse.error(
                                HttpResponseStatus.BAD_REQUEST,
                                "bad-request",
                                "unknown query parameter '" + Json.printable(name) + "' for " + path
                                        + (route.params().isEmpty()
                                                ? ""
                                                : " (it takes "
                                                        + String.join(
                                                                ", ",
                                                                route.params().stream()
                                                                        .sorted()
                                                                        .toList()) + ")")));
                return;
            }
        }
        MonitorRequest request = new MonitorRequest(path, Map.copyOf(uri.parameters()));
        if (route.access() == Route.Access.OPEN || !service.auth().required()) {
            run(ctx, slot, route, request);
            return;
        }
        service.auth()
                .check(http.headers(), peerCertificate(ctx), ctx.channel().remoteAddress(), ctx.executor(), outcome -> {
                    MonitorResponse refusal = refusal(outcome, route);
                    if (refusal == null) {
                        run(ctx, slot, route, request);
                    } else {
                        answer(ctx, slot, refusal);
                    }
                });
    }

    /** 404, or 503 while the server starts (only /healthz is routed then). */
    private MonitorResponse notFound(String path) {
        if (!service.serving()) {
            return MonitorResponse.error(
                    HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "unavailable",
                    "the server is starting; only /healthz answers yet");
        }
        return MonitorResponse.error(HttpResponseStatus.NOT_FOUND, "not-found", "no endpoint " + Json.printable(path));
    }

    private static MonitorResponse refusal(Authenticator.Outcome outcome, Route route) {
        if (!outcome.accepted()) {
            return MonitorResponse.error(HttpResponseStatus.UNAUTHORIZED, "unauthorized", outcome.refusal())
                    .withHeader(HttpHeaderNames.WWW_AUTHENTICATE.toString(), "Basic realm=\"switchboard\"");
        }
        boolean allowed = route.access() == Route.Access.ADMIN
                ? outcome.grants().admin()
                : outcome.grants().monitor();
        if (allowed) {
            return null;
        }
        String needed =
                route.access() == Route.Access.ADMIN ? "the admin permission" : "the monitor or admin permission";
        return MonitorResponse.error(
                HttpResponseStatus.FORBIDDEN,
                "forbidden",
                "user '" + outcome.grants().user() + "' lacks " + needed);
    }

    private void run(ChannelHandlerContext ctx, Slot slot, Route route, MonitorRequest request) {
        if (!route.offLoop()) {
            answer(ctx, slot, invoke(route, request));
            return;
        }
        try {
            service.executor().execute(() -> {
                MonitorResponse response = invoke(route, request);
                ctx.executor().execute(() -> answer(ctx, slot, response));
            });
        } catch (RejectedExecutionException e) {
            answer(
                    ctx,
                    slot,
                    MonitorResponse.error(
                            HttpResponseStatus.SERVICE_UNAVAILABLE,
                            "busy",
                            "too many monitoring requests at once; retry shortly"));
        }
    }

    private static MonitorResponse invoke(Route route, MonitorRequest request) {
        try {
            return route.endpoint().handle(request);
        } catch (BadRequest e) {
            return MonitorResponse.error(HttpResponseStatus.BAD_REQUEST, "bad-request", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("monitoring endpoint {} failed", request.path(), e);
            return MonitorResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal", e.toString());
        }
    }

    /** Fills the slot, then writes every answer whose turn has come. On the event loop. */
    private void answer(ChannelHandlerContext ctx, Slot slot, MonitorResponse response) {
        slot.response = response;
        while (!pending.isEmpty() && pending.peek().response != null) {
            Slot next = pending.poll();
            if (!write(ctx, next)) {
                pending.clear();
                return;
            }
        }
    }

    /** False when the connection closes after this answer. */
    private static boolean write(ChannelHandlerContext ctx, Slot slot) {
        MonitorResponse r = slot.response;
        FullHttpResponse http =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(), Unpooled.wrappedBuffer(r.body()));
        http.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, r.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        r.headers().forEach(http.headers()::set);
        if (!slot.keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
            return false;
        }
        ctx.writeAndFlush(http);
        return true;
    }

    private static X509Certificate peerCertificate(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return null;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("monitoring connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
