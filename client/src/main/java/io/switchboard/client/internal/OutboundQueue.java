package io.switchboard.client.internal;

import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import io.switchboard.protocol.message.Message;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Frames on their way to one channel. Any thread may {@link #send}; a single drain task on the channel's
 * event loop writes everything queued and flushes once, so many concurrent calls cost one syscall, not one
 * each, and foreign threads never touch the pipeline.
 */
final class OutboundQueue {

    private record Outgoing(Message message, Consumer<Throwable> onFailure) {}

    private final Channel channel;
    private final Queue<Outgoing> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    /** Event loop only: whether anything was written since the heartbeat last looked. */
    private boolean wroteSinceCheck;

    OutboundQueue(Channel channel) {
        this.channel = channel;
    }

    /** @param onFailure told when the frame could not be written (may be null for fire-and-forget frames) */
    void send(Message message, Consumer<Throwable> onFailure) {
        queue.offer(new Outgoing(message, onFailure));
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drainTask);
            } catch (RejectedExecutionException e) {
                failAll(e);
            }
        }
    }

    /** Writes whatever is queued now; must run on the event loop. */
    void drain() {
        // Cleared first: a frame offered after this point is either drained below or schedules a new drain.
        drainScheduled.set(false);
        Outgoing out;
        int written = 0;
        while ((out = queue.poll()) != null) {
            write(out);
            written++;
        }
        if (written > 0) {
            channel.flush();
            wroteSinceCheck = true;
        }
    }

    /** Event loop only: true if anything was written since the last call; resets the answer. */
    boolean wroteSinceLastCheck() {
        boolean wrote = wroteSinceCheck;
        wroteSinceCheck = false;
        return wrote;
    }

    private void write(Outgoing out) {
        if (out.onFailure == null) {
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
}
