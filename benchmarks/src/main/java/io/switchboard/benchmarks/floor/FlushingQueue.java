package io.switchboard.benchmarks.floor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The write path of one floor connection, with the flush strategy of Switchboard's own
 * {@code io.switchboard.protocol.transport.OutboundQueue}: any thread may {@link #send}; one drain task on the
 * channel's event loop writes everything queued and flushes once. Copied rather than shared because that queue
 * carries protocol messages, and the floor has no protocol.
 */
public final class FlushingQueue {

    private final Channel channel;
    private final Queue<ByteBuf> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;

    public FlushingQueue(Channel channel) {
        this.channel = channel;
    }

    /** Queues {@code bytes} (this queue owns them now) for the next drain. */
    public void send(ByteBuf bytes) {
        queue.offer(bytes);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drainTask);
            } catch (RejectedExecutionException e) {
                // The event loop has shut down and the connection with it.
                releaseAll();
            }
        }
    }

    private void drain() {
        // Cleared first: bytes offered after this point are either drained below or schedule a new drain.
        drainScheduled.set(false);
        ByteBuf bytes;
        boolean wrote = false;
        while ((bytes = queue.poll()) != null) {
            // A write on a closed channel releases the buffer and fails quietly: the peer is gone.
            channel.write(bytes, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void releaseAll() {
        ByteBuf bytes;
        while ((bytes = queue.poll()) != null) {
            bytes.release();
        }
    }
}
