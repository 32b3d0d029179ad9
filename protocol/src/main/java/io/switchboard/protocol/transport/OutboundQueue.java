package io.switchboard.protocol.transport;

import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import io.switchboard.protocol.message.Message;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path of one connection, client or server. Any thread may {@link #send}; a single drain task on the
 * channel's event loop writes everything queued and flushes once, so a burst of calls, results or deliveries
 * costs one syscall instead of one each, and foreign threads never touch the pipeline.
 *
 * <p>Unbounded by default (the client: what it queues is bounded by its own outstanding calls and requests), a
 * slow peer being logged once per episode. Bounded (the server, {@link #OutboundQueue(Channel, Runnable)}): when a
 * write leaves more bytes pending than the channel's high water mark, the peer is a slow consumer: the queue is
 * told once, drops everything queued then and after, and the owner closes the connection.
 */
public final class OutboundQueue {

    private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);

    private record Outgoing(Message message, Consumer<Throwable> onFailure) {}

    private final Channel channel;
    private final Queue<Outgoing> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    /** Told once when the peer falls behind past the high water mark; null = unbounded. */
    private final Runnable onBackedUp;
    /** Set once the peer fell behind: nothing more is written (or kept) for it. */
    private volatile boolean backedUp;
    /** Event loop only. */
    private boolean reportedUnwritable;
    /** Event loop only: when something was last written, on the event loop's clock; read by the heartbeat. */
    private long lastWriteNanos;

    public OutboundQueue(Channel channel) {
        this(channel, null);
    }

    /**
     * A bounded queue: the channel's {@link io.netty.channel.WriteBufferWaterMark} high mark is the most bytes that
     * may wait for the peer; a write beyond it runs {@code onBackedUp} once, on the event loop, and every later frame
     * is dropped.
     */
    public OutboundQueue(Channel channel, Runnable onBackedUp) {
        this.channel = channel;
        this.onBackedUp = onBackedUp;
        this.lastWriteNanos = channel.eventLoop().ticker().nanoTime();
    }

    /** Whether the peer fell behind past the limit (bounded queues only); frames sent since were dropped. */
    public boolean isBackedUp() {
        return backedUp;
    }

    /** Queues a frame nobody needs to hear about if it cannot be written (the peer is gone). */
    public void send(Message message) {
        send(message, null);
    }

    /** @param onFailure told when the frame could not be written; null for fire-and-forget frames */
    public void send(Message message, Consumer<Throwable> onFailure) {
        if (backedUp) {
            // The connection is being closed for falling behind: keep nothing more for it.
            fail(onFailure, SLOW_CONSUMER);
            return;
        }
        queue.offer(new Outgoing(message, onFailure));
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drainTask);
            } catch (RejectedExecutionException e) {
                // The event loop has shut down and the connection with it.
                failAll(e);
            }
        }
    }

    /** Runs {@code task} on the channel's event loop, unless that loop has already shut down. */
    public void execute(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            // Nobody is left to write to.
        }
    }

    /** Event loop only: writes what is queued now, flushes once. */
    public void drain() {
        // Cleared first: a frame offered after this point is either drained below or schedules a new drain.
        drainScheduled.set(false);
        Outgoing out;
        boolean wrote = false;
        while ((out = queue.poll()) != null) {
            write(out);
            wrote = true;
            // A closed channel is not writable either, but that peer is gone, not slow.
            if (onBackedUp != null && !channel.isWritable() && channel.isActive()) {
                backedUp();
                break;
            }
        }
        if (wrote) {
            channel.flush();
            lastWriteNanos = channel.eventLoop().ticker().nanoTime();
            noteWritability();
        }
    }

    /** Event loop only: when the last frame was written, on the event loop's ticker. */
    public long lastWriteNanos() {
        return lastWriteNanos;
    }

    private void write(Outgoing out) {
        if (out.onFailure == null) {
            // Writes on a closed channel fail quietly: the peer has gone, nobody is left to tell.
            channel.write(out.message, channel.voidPromise());
            return;
        }
        channel.write(out.message).addListener(f -> {
            if (!f.isSuccess()) {
                out.onFailure.accept(f.cause());
            }
        });
    }

    /**
     * Event loop only, bounded queues only: the owner found the peer a slow consumer by a limit of its own (bytes
     * waiting over all connections): from now on nothing is written or kept for it, as after the high water mark,
     * but {@code onBackedUp} is not run (the owner closes the connection itself).
     */
    public void cutOff() {
        if (onBackedUp == null || backedUp) {
            return;
        }
        backedUp = true;
        failAll(SLOW_CONSUMER);
    }

    /** The peer has more than the high water mark waiting: it is told nothing more, and its owner closes it. */
    private void backedUp() {
        backedUp = true;
        failAll(SLOW_CONSUMER);
        onBackedUp.run();
    }

    private void failAll(Throwable cause) {
        Outgoing out;
        while ((out = queue.poll()) != null) {
            fail(out.onFailure, cause);
        }
    }

    private static void fail(Consumer<Throwable> onFailure, Throwable cause) {
        if (onFailure != null) {
            onFailure.accept(cause);
        }
    }

    /** Why frames for a backed-up peer were dropped; shared, without a stack trace (it is no program error). */
    private static final Throwable SLOW_CONSUMER = new SlowConsumer();

    private static final class SlowConsumer extends java.io.IOException {
        SlowConsumer() {
            super("the peer reads too slowly; the connection is being closed");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * A peer that reads slower than we write makes Netty buffer for it. We keep queueing (dropping would lose
     * results) but say so once per episode, so a stuck peer shows up in the log.
     */
    private void noteWritability() {
        if (onBackedUp != null) {
            return; // bounded: falling behind is handled, not just logged
        }
        boolean writable = channel.isWritable();
        // A closed channel is never writable either; it is not a slow reader (and has no buffer to measure).
        if (!writable && !reportedUnwritable && channel.isActive()) {
            log.info(
                    "{} reads slower than it is written to; buffering until it catches up ({} bytes over the mark)",
                    channel.remoteAddress(),
                    channel.bytesBeforeWritable());
        }
        reportedUnwritable = !writable;
    }
}
