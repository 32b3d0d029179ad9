package io.switchboard.server.tls;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.AttributeKey;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.transport.LogInterval;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@link SslHandler}: hands the verified client certificate (mutual TLS) to {@code onPeer} when
 * the handshake completes, and turns TLS failures into a short log line and a close. A peer that cannot do TLS with
 * us is a client mistake, never an internal error, so no stack trace and nothing further down the pipeline hears of
 * it.
 */
public final class TlsPeer extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TlsPeer.class);

    /**
     * Failed handshakes are logged at INFO at most once per 10 s (with how many were not), at DEBUG otherwise: anyone
     * who reaches a TLS port can fail handshakes as fast as they can connect, and must not fill the log doing so.
     */
    private static final LogInterval HANDSHAKE_FAILURE_LOG = new LogInterval(10, TimeUnit.SECONDS);

    /** The verified client certificate on the channel, for front door lines (the client port has the Connection's). */
    public static final AttributeKey<X509Certificate> CERTIFICATE = AttributeKey.valueOf("switchboard.tls.peer");

    private final String where;
    private final Consumer<X509Certificate> onPeer;

    /** @param onPeer told the client's certificate, when it presented one */
    public TlsPeer(String where, Consumer<X509Certificate> onPeer) {
        this.where = where;
        this.onPeer = onPeer;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                peerCertificate(ctx).ifPresent(cert -> {
                    ctx.channel().attr(CERTIFICATE).set(cert);
                    onPeer.accept(cert);
                });
            } else {
                logFailure(ctx, done.cause());
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, event);
    }

    private void logFailure(ChannelHandlerContext ctx, Throwable cause) {
        long unlogged = HANDSHAKE_FAILURE_LOG.admit();
        if (unlogged >= 0) {
            log.info(
                    "{} TLS handshake on {} with {} failed: {} ({} more failed since the last report)",
                    LogId.TLS_HANDSHAKE_FAILED,
                    where,
                    ctx.channel().remoteAddress(),
                    reason(cause),
                    unlogged);
        } else {
            log.debug(
                    "{} TLS handshake on {} with {} failed: {}",
                    LogId.TLS_HANDSHAKE_FAILED,
                    where,
                    ctx.channel().remoteAddress(),
                    reason(cause));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (findSsl(cause) != null) {
            // The handshake failure itself was logged above; a later failure (bad record) is the peer's too.
            log.debug("TLS failure on {} with {}: {}", where, ctx.channel().remoteAddress(), reason(cause));
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private static java.util.Optional<X509Certificate> peerCertificate(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return java.util.Optional.empty();
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509
                    ? java.util.Optional.of(x509)
                    : java.util.Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return java.util.Optional.empty(); // no client certificate asked for or given
        }
    }

    private static SSLException findSsl(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }

    /** The innermost message: "Received fatal alert: bad_certificate", "not an SSL/TLS record", ... */
    static String reason(Throwable cause) {
        if (findSsl(cause) instanceof NotSslRecordException) {
            return "not a TLS connection (plain text on a TLS port?)";
        }
        Throwable c = cause;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
