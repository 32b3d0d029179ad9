package io.switchboard.server.pipeline;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.WriteBufferWaterMark;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.transport.LogInterval;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code max-pending-bytes-per-connection}: it is each connection's write buffer high water mark, and a connection
 * whose peer leaves more than that unread is a slow consumer. Its write queue drops everything from then on (results
 * of its calls included: the calls' publishers are not affected), it is told {@code slow-consumer} behind what is
 * already waiting, and it is closed as soon as that is written, or after {@link #CLOSE_AFTER_MS} if the peer does not
 * read it.
 *
 * <p>The server does not stop reading from a backed-up connection instead: a publisher whose RESULTs cannot be
 * written because its DELIVERs are not read would deadlock with it. Closing the one that does not read is the rule.
 */
final class SlowConsumers implements Consumer<Connection> {

    /** At the head of a cut-off connection's pipeline: bytes in are released unread. */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class DiscardInbound extends io.netty.channel.ChannelInboundHandlerAdapter {
        static final DiscardInbound INSTANCE = new DiscardInbound();

        @Override
        public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SlowConsumers.class);
    static final long CLOSE_AFTER_MS = 2000;

    private final int maxPending;
    private final ServerCounters counters;
    private final LogInterval logInterval = new LogInterval(10, TimeUnit.SECONDS);
    private final LogInterval totalLog = new LogInterval(10, TimeUnit.SECONDS);

    SlowConsumers(ServerConfig config, ServerCounters counters) {
        this.maxPending = (int) config.maxPendingBytesPerConnection();
        this.counters = counters;
    }

    /** Sets the high water mark on a new connection's channel. */
    void watch(Channel channel) {
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(maxPending / 2, maxPending));
    }

    /** On the connection's event loop, when its write queue found more than the mark waiting. */
    @Override
    public void accept(Connection connection) {
        counters.slowConsumer();
        long unlogged = logInterval.admit();
        if (unlogged >= 0) {
            log.warn(
                    "{} {} closed as a slow consumer: more than max-pending-bytes-per-connection ({}) waiting to be "
                            + "written to it ({} more so since the last report)",
                    LogId.SLOW_CONSUMER,
                    connection,
                    maxPending,
                    unlogged);
        }
        close(
                connection.channel(),
                "more than " + maxPending + " bytes were waiting for this connection to read them "
                        + "(max-pending-bytes-per-connection); later messages were dropped");
    }

    /**
     * {@code max-pending-bytes}: the bytes waiting over all connections passed {@code limit} and this connection had
     * the most waiting ({@code bytes}). Any thread; the cut-off runs on the connection's event loop. Nothing happens
     * when it is a slow consumer already.
     */
    void cutOffForTotal(Connection connection, long bytes, long total, long limit) {
        connection.channel().eventLoop().execute(() -> {
            if (!connection.channel().isActive() || !connection.cutOff()) {
                return;
            }
            counters.slowConsumer();
            long unlogged = totalLog.admit();
            if (unlogged >= 0) {
                log.warn(
                        "{} {} closed as a slow consumer: {} bytes waiting for all connections passed "
                                + "max-pending-bytes ({}); it had the most waiting, {} ({} more so since the last "
                                + "report)",
                        LogId.PENDING_BYTES_OVER_LIMIT,
                        connection,
                        total,
                        limit,
                        bytes,
                        unlogged);
            }
            close(
                    connection.channel(),
                    "the server holds as many bytes waiting for their readers as it allows (max-pending-bytes " + limit
                            + ") and this connection had the most (" + bytes + "); later messages were dropped");
        });
    }

    private static void close(Channel channel, String why) {
        // What it sends from now on is read and dropped: a close with unread bytes would reset the connection,
        // and the peer would lose the ERROR.
        if (channel.pipeline().get("discard") == null) {
            channel.pipeline().addFirst("discard", DiscardInbound.INSTANCE);
        }
        channel.writeAndFlush(new ErrorMessage(0, ErrorCode.SLOW_CONSUMER, why))
                .addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> channel.close(), CLOSE_AFTER_MS, TimeUnit.MILLISECONDS);
    }
}
