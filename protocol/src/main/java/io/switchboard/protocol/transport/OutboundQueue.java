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
 * <p>It is not bounded itself: what may be queued is bounded by the protocol's limits on outstanding calls and
 * requests. A peer that reads slower than it is written to is logged once per episode.
 */
public final class OutboundQueue {

    private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);

    private record Outgoing(Message message, Consumer<Throwable> onFailure) {}

    private final Channel channel;
    private final Queue<Outgoing> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    /** Event loop only. */
    private boolean reportedUnwritable;
    /** Event loop only: when something was last written, on the event loop's clock; read by the heartbeat. */
    private long lastWriteNanos;

    public OutboundQueue(Channel channel) {
        this.channel = channel;
        this.lastWriteNanos = channel.eventLoop().ticker().nanoTime();
    }

    /** Queues a frame nobody needs to hear about if it cannot be written (the peer is gone). */
    public void send(Message message) {
        send(message, null);
    }

    /** @param onFailure told when the frame could not be written; null for fire-and-forget frames */
    public void send(Message message, Consumer<Throwable> onFailure) {
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

    private void failAll(Throwable cause) {
        Outgoing out;
        while ((out = queue.poll()) != null) {
            if (out.onFailure != null) {
                out.onFailure.accept(cause);
            }
        }
    }

    /**
     * A peer that reads slower than we write makes Netty buffer for it. We keep queueing (dropping would lose
     * results) but say so once per episode, so a stuck peer shows up in the log.
     */
    private void noteWritability() {
        boolean writable = channel.isWritable();
        if (!writable && !reportedUnwritable) {
            log.info(
                    "{} reads slower than it is written to; buffering until it catches up ({} bytes over the mark)",
                    channel.remoteAddress(),
                    channel.bytesBeforeWritable());
        }
        reportedUnwritable = !writable;
    }
}
