package io.switchboard.server.pipeline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.internal.PlatformDependent;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.codec.PartialFrameWatcher;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.transport.LogInterval;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code max-partial-frame-bytes}: the buffer memory that incomplete inbound frames hold, summed over all
 * connections. Each frame decoder reports what it holds after every read (one add to a shared counter); when a read
 * takes the sum over the limit, connections are closed with {@code overloaded}, the one whose incomplete frame has
 * waited longest first, until the sum is within the limit again. A stalled frame (a peer that sends most of a large
 * frame and stops) is old; a frame still arriving at full speed is young, so the stalled one goes first.
 *
 * <p>The bound is checked after a read, so it may be exceeded by what one read per event loop adds until the
 * closed connections' buffers are freed, a moment later.
 */
final class PartialFrames {

    private static final Logger log = LoggerFactory.getLogger(PartialFrames.class);

    private final long limit;
    private final ServerCounters counters;
    private final AtomicLong held = new AtomicLong();
    /** One per connection that has a frame decoder, for the scan when the limit is passed. */
    private final Set<Holder> holders = ConcurrentHashMap.newKeySet();

    private final LogInterval shedLog = new LogInterval(10, TimeUnit.SECONDS);

    PartialFrames(ServerConfig config, ServerCounters counters) {
        this.limit = effectiveLimit(config);
        this.counters = counters;
    }

    /** The configured limit, or for 0 a quarter of the JVM's direct memory limit (at least one frame). */
    static long effectiveLimit(ServerConfig config) {
        if (config.maxPartialFrameBytes() > 0) {
            return config.maxPartialFrameBytes();
        }
        return Math.max(config.maxFrameSize(), PlatformDependent.maxDirectMemory() / 4);
    }

    long limit() {
        return limit;
    }

    /** Bytes held for incomplete frames now, over all connections. */
    long held() {
        return held.get();
    }

    /** The watcher for {@code connection}'s frame decoder; it stops counting when the connection closes. */
    PartialFrameWatcher watcherFor(Connection connection) {
        Holder holder = new Holder(connection);
        holders.add(holder);
        connection.channel().closeFuture().addListener(f -> holders.remove(holder));
        return holder;
    }

    /** Closes the connections with the oldest incomplete frames until the sum is within the limit. */
    private void shed() {
        while (held.get() > limit) {
            Holder oldest = null;
            long oldestSince = 0;
            for (Holder holder : holders) {
                long since = holder.since;
                if (since != 0 && (oldest == null || since - oldestSince < 0)) {
                    oldest = holder;
                    oldestSince = since;
                }
            }
            if (oldest == null) {
                return;
            }
            long bytes = oldest.refuse();
            if (bytes > 0) {
                held.addAndGet(-bytes);
                refuse(oldest.connection, bytes);
            }
        }
    }

    private void refuse(Connection connection, long bytes) {
        counters.overloaded();
        long unlogged = shedLog.admit();
        if (unlogged >= 0) {
            log.warn(
                    "{} {} closed: incomplete frames hold more than max-partial-frame-bytes ({}) over all connections, "
                            + "and its incomplete frame ({} bytes) had waited longest ({} more closed so since the "
                            + "last report)",
                    LogId.PARTIAL_FRAMES_OVERLOADED,
                    connection,
                    limit,
                    bytes,
                    unlogged);
        }
        connection.send(new ErrorMessage(
                0,
                ErrorCode.OVERLOADED,
                "the server holds as many bytes of incomplete frames as it allows (max-partial-frame-bytes " + limit
                        + ") and this connection's incomplete frame had waited longest; send whole frames promptly"));
        connection.close();
    }

    /** What one connection's decoder holds; its own event loop reports, any loop's shed may refuse it. */
    private final class Holder implements PartialFrameWatcher {

        final Connection connection;
        /** Guarded by this. */
        private long bytes;
        /** Guarded by this. */
        private boolean refused;
        /** When the incomplete frame began to be held (System.nanoTime), 0 when none is. */
        volatile long since;

        Holder(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void holding(ChannelHandlerContext ctx, int now) {
            long delta;
            synchronized (this) {
                if (refused) {
                    return;
                }
                delta = now - bytes;
                bytes = now;
                if (now == 0) {
                    since = 0;
                } else if (since == 0) {
                    since = System.nanoTime() | 1; // never 0: 0 means none
                }
            }
            if (delta != 0 && held.addAndGet(delta) > limit && delta > 0) {
                shed();
            }
        }

        /** Stops counting this connection; what it held, or 0 if it held nothing or was refused already. */
        synchronized long refuse() {
            if (refused || bytes == 0) {
                return 0;
            }
            refused = true;
            long was = bytes;
            bytes = 0;
            since = 0;
            return was;
        }
    }
}
