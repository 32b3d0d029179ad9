package io.switchboard.server.monitor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.server.tls.CertificateReloader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place that knows a monitoring connection's pipeline:
 * <pre>
 *  (tls), idle, http, aggregate, requests
 * </pre>
 * {@code idle} closes a connection that sends nothing for {@link #IDLE_SECONDS}; {@code aggregate} answers a body
 * over {@link #MAX_BODY_BYTES} with 413 and closes. Past {@link #MAX_CONNECTIONS} open monitoring connections a new
 * one is closed at once.
 */
final class MonitorPipeline extends ChannelInitializer<Channel> {

    static final int MAX_CONNECTIONS = 64;
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int IDLE_SECONDS = 60;
    /** Request line and headers: far more than any monitoring request needs. */
    private static final int MAX_LINE_BYTES = 4096;

    private static final int MAX_HEADER_BYTES = 8192;

    private final MonitorServer service;
    /** The client port's TLS (the same certificate and reloads); null for plain HTTP. */
    private final CertificateReloader tls;

    private final AtomicInteger open = new AtomicInteger();

    MonitorPipeline(MonitorServer service, CertificateReloader tls) {
        this.service = service;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (open.incrementAndGet() > MAX_CONNECTIONS) {
            open.decrementAndGet();
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        if (tls != null) {
            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
        }
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS))
                .addLast("http", new HttpServerCodec(MAX_LINE_BYTES, MAX_HEADER_BYTES, 8192))
                .addLast("aggregate", new HttpObjectAggregator(MAX_BODY_BYTES))
                .addLast("requests", new MonitorHandler(service));
    }

    int open() {
        return open.get();
    }
}
