package io.switchboard.server.cluster.link;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import java.util.Optional;

/**
 * How the link runs: on the server's own event loops and channel types (epoll or NIO), with TLS when the server has
 * it, and its bounds.
 *
 * @param maxMessageBytes   the largest message a frame carries (max-frame-size + LinkMessage.OVERHEAD)
 * @param connectTimeoutMs  how long a connection, its TLS and link handshake may take; also how long messages wait
 *                          for the member's address to be announced
 * @param maxPendingBytes   output one link may hold (queued and not yet written to the socket); past it the link
 *                          is closed
 */
public record LinkOptions(
        EventLoopGroup acceptors,
        EventLoopGroup workers,
        Class<? extends ServerChannel> serverChannel,
        Class<? extends Channel> channel,
        Optional<LinkTls> tls,
        int maxMessageBytes,
        long connectTimeoutMs,
        long maxPendingBytes) {

    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
    /** At least this much, and at least 4 of the largest messages. */
    public static final long MIN_PENDING_BYTES = 64L << 20;
    /** Connections that have not proven the secret yet; more are closed at once. */
    static final int MAX_HANDSHAKES = 64;

    public static long pendingBytesFor(int maxMessageBytes) {
        return Math.max(MIN_PENDING_BYTES, 4L * maxMessageBytes);
    }
}
