package io.switchboard.server.pipeline;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.internal.PlatformDependent;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.routing.Connection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code max-pending-bytes}: the bytes written and not yet taken by their peers, summed over all connections
 * ({@code max-pending-bytes-per-connection} bounds each one, but times {@code max-connections} that is far beyond
 * any memory). Each connection's meter, at the head of its pipeline, reports the change of its channel's pending
 * bytes after every flush and writability change to a striped counter: a read of Netty's figure, a compare-and-set
 * and an add, nothing allocated. When a flush takes the sum over the limit, the figures are re-read (the socket may
 * have taken bytes since a connection's last flush, which no flush reported) and, while the sum is still over, the
 * connection with the most waiting is closed as a slow consumer ({@link SlowConsumers#cutOffForTotal}); its bytes
 * stop counting at once. The heaviest goes first, so a connection that reads what it is sent is never the one.
 *
 * <p>The scan runs only when the limit is passed, one at a time; flushes meanwhile only count.
 */
public final class PendingBytes {

    /** A meter's figure once it no longer counts (closed, or cut off). */
    private static final long STOPPED = -1;

    private final long limit;
    private final SlowConsumers slowConsumers;
    private final LongAdder total = new LongAdder();
    private final Set<Meter> meters = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean scanning = new AtomicBoolean();

    PendingBytes(ServerConfig config, SlowConsumers slowConsumers) {
        this.limit = effectiveLimit(config);
        this.slowConsumers = slowConsumers;
    }

    /**
     * The configured limit, or for 0 half of the JVM's direct memory limit (with {@code max-partial-frame-bytes}'
     * quarter, a quarter is left for everything else), at least {@code max-pending-bytes-per-connection}.
     */
    public static long effectiveLimit(ServerConfig config) {
        if (config.maxPendingBytes() > 0) {
            return config.maxPendingBytes();
        }
        return Math.max(config.maxPendingBytesPerConnection(), PlatformDependent.maxDirectMemory() / 2);
    }

    long limit() {
        return limit;
    }

    /** The sum as last reported (it may lag behind the sockets by what they took since their last flush). */
    long total() {
        return total.sum();
    }

    /** The handler that meters {@code connection}; it stops counting when the connection closes. */
    ChannelDuplexHandler meterFor(Connection connection) {
        Meter meter = new Meter(connection);
        meters.add(meter);
        connection.channel().closeFuture().addListener(f -> {
            meters.remove(meter);
            meter.stop();
        });
        return meter;
    }

    private void overLimit() {
        // Twice at most: a flush that passed the limit while another scan ran is seen by the second round.
        for (int round = 0; round < 2 && total.sum() > limit; round++) {
            if (!scanning.compareAndSet(false, true)) {
                return;
            }
            try {
                shed();
            } finally {
                scanning.set(false);
            }
        }
    }

    /** Re-reads every figure, then closes the heaviest until the sum is within the limit. */
    private void shed() {
        for (Meter meter : meters) {
            meter.report();
        }
        long sum;
        while ((sum = total.sum()) > limit) {
            Meter heaviest = null;
            long most = 0;
            for (Meter meter : meters) {
                long bytes = meter.reported.get();
                if (bytes > most) {
                    heaviest = meter;
                    most = bytes;
                }
            }
            if (heaviest == null) {
                return;
            }
            long bytes = heaviest.stop();
            if (bytes > 0) {
                slowConsumers.cutOffForTotal(heaviest.connection, bytes, sum, limit);
            }
        }
    }

    /** One connection's share; its event loop reports after each flush, a scan on any thread may re-read it. */
    private final class Meter extends ChannelDuplexHandler {

        final Connection connection;
        /** The pending bytes last added to the total, or {@link #STOPPED}. */
        final AtomicLong reported = new AtomicLong();

        Meter(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            ctx.flush();
            // What the socket did not take is what waits.
            if (report() > 0) {
                overLimit();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            report();
            ctx.fireChannelWritabilityChanged();
        }

        /** Adds the change since the last report to the total; returns it (0 when stopped). */
        long report() {
            long now = connection.pendingWriteBytes();
            long before;
            do {
                before = reported.get();
                if (before == STOPPED) {
                    return 0;
                }
            } while (!reported.compareAndSet(before, now));
            long delta = now - before;
            if (delta != 0) {
                total.add(delta);
            }
            return delta;
        }

        /** Stops counting; returns what it had counted. */
        long stop() {
            long before = reported.getAndSet(STOPPED);
            if (before == STOPPED) {
                return 0;
            }
            total.add(-before);
            return before;
        }
    }
}
