package io.switchboard.server.routing;

import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import io.switchboard.protocol.message.Message;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path of one connection. Any thread may {@link #send} a message; the messages are written on
 * the channel's event loop by one drain task that writes everything queued and then flushes once, so a burst
 * of results or deliveries costs one syscall instead of one each.
 */
final class OutboundQueue {

    private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);

    private final Channel channel;
    private final Queue<Message> queue = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    /** Touched only on the event loop. */
    private boolean reportedUnwritable;
    /** Touched only on the event loop: whether anything was written since the heartbeat last looked. */
    private boolean wroteSinceCheck;

    OutboundQueue(Channel channel) {
        this.channel = channel;
    }

    void send(Message message) {
        queue.offer(message);
        if (drainScheduled.compareAndSet(false, true)) {
            execute(drainTask);
        }
    }

    /** Runs {@code task} on the channel's event loop, unless that loop has already shut down (server stopped). */
    void execute(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            // The server is gone and this connection with it; there is nobody left to write to.
        }
    }

    /** Must run on the event loop: writes what is queued, flushes once. */
    void drain() {
        drainScheduled.set(false);
        boolean wrote = false;
        Message message;
        while ((message = queue.poll()) != null) {
            // Writes on a closed channel fail quietly: the peer has gone, nobody is left to tell.
            channel.write(message, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
            wroteSinceCheck = true;
            noteWritability();
        }
    }

    /** Event loop only: true if anything was written since the last call; resets the answer. */
    boolean wroteSinceLastCheck() {
        boolean wrote = wroteSinceCheck;
        wroteSinceCheck = false;
        return wrote;
    }

    /**
     * A peer that reads slower than we write makes Netty buffer for it. We keep queueing (dropping would lose
     * results) but say so once per episode, so a stuck consumer shows up in the log.
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
