package io.switchboard.server.frontdoor;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection after its last words (a close reason) without losing them. Closing while the user still sends
 * makes the kernel answer that input with a reset, and a reset can discard the last words before the user reads
 * them. So, as web servers do ("lingering close"): once the last words are written, the output is shut (after TLS's
 * close_notify) and the connection stays open for reading; what arrives is discarded (a closing line takes no
 * input) until the user closes, for at most {@link #LINGER_MS}.
 *
 * <p>Shutting the output fires {@link io.netty.channel.socket.ChannelOutputShutdownEvent}: for the front door the
 * line is over from then on.
 */
final class LingeringClose {

    /** How long a user may take to close after the server's output shut. */
    static final long LINGER_MS = 2_000;

    private LingeringClose() {}

    /** Shuts the output once {@code lastWords} are written; closes at once when they could not be. */
    static void after(ChannelFuture lastWords) {
        lastWords.addListener(written -> {
            Channel channel = lastWords.channel();
            if (!written.isSuccess() || !(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
                channel.close();
                return;
            }
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            ChannelFuture notified = tls == null ? channel.newSucceededFuture() : tls.closeOutbound();
            notified.addListener(n -> duplex.shutdownOutput().addListener(shut -> {
                if (shut.isSuccess()) {
                    channel.eventLoop().schedule(() -> channel.close(), LINGER_MS, TimeUnit.MILLISECONDS);
                } else {
                    channel.close();
                }
            }));
        });
    }
}
