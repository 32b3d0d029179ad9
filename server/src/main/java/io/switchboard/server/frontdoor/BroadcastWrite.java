package io.switchboard.server.frontdoor;

import io.netty.channel.EventLoop;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes one broadcast message to many lines. The message is encoded once for each line protocol among the targets
 * ({@link SharedMessage}), and every line writes a retained view of its protocol's form. The lines are grouped by
 * event loop: each loop gets one task that queues the message on its lines and flushes them, chunk by chunk, instead
 * of one task (and one wake-up) per line. The loop the call runs on, when it holds lines, writes them inline, after
 * the other loops got their tasks, so that they work meanwhile. Any thread.
 *
 * <p>Per-line order holds: a line's broadcast is queued on its event loop at the time of the call, before anything
 * the same caller writes to that line later. A line closed meanwhile fails its write, which releases its view.
 */
final class BroadcastWrite {

    /** Lines queued before they are flushed, one after the other. */
    static final int FLUSH_CHUNK = 128;

    private BroadcastWrite() {}

    /**
     * Writes {@code message} to every line of {@code targets} as a text or binary message in each line's protocol.
     */
    static void write(List<Line> targets, byte[] message, boolean binary) {
        if (targets.isEmpty()) {
            return;
        }
        Set<FrontDoorProtocol> protocols = EnumSet.noneOf(FrontDoorProtocol.class);
        Collection<Batch> batches = byEventLoop(targets, protocols);
        write(batches, SharedMessage.encode(message, binary, protocols));
    }

    /**
     * Writes an encoded message to every line; takes over the caller's reference to {@code message}, which is
     * released once the last event loop has queued it on its lines. The lines' outputs are taken from {@code targets}
     * before this returns.
     */
    static void write(List<Line> targets, SharedMessage message) {
        write(byEventLoop(targets, EnumSet.noneOf(FrontDoorProtocol.class)), message);
    }

    private static void write(Collection<Batch> batches, SharedMessage message) {
        try {
            Batch here = null;
            for (Batch batch : batches) {
                if (batch.loop.inEventLoop()) {
                    here = batch;
                    continue;
                }
                message.retain(); // the task's reference, released when it has queued the message
                try {
                    batch.loop.execute(() -> {
                        try {
                            batch.writeAll(message);
                        } finally {
                            message.release();
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    message.release(); // the server is stopping: that loop's lines are closing anyway
                }
            }
            if (here != null) {
                here.writeAll(message);
            }
        } finally {
            message.release();
        }
    }

    /**
     * The lines' outputs grouped by event loop, and the protocols they speak added to {@code protocols}. One pass:
     * each batch's array is sized for the lines not yet grouped when its loop first appears, so none grows (with all
     * lines on one loop, one I/O thread being the default on two cores, the one array is exactly the targets' size).
     * The batches hold the outputs, not the lines, so that writing reaches a line's channel through one object less.
     */
    private static Collection<Batch> byEventLoop(List<Line> targets, Set<FrontDoorProtocol> protocols) {
        Map<EventLoop, Batch> batches = new LinkedHashMap<>();
        Batch last = null;
        for (int i = 0; i < targets.size(); i++) {
            Line line = targets.get(i);
            EventLoop loop = line.channel.eventLoop();
            if (last == null || last.loop != loop) { // lines of one loop tend to come together
                int ungrouped = targets.size() - i;
                last = batches.computeIfAbsent(loop, l -> new Batch(l, ungrouped));
            }
            last.outputs[last.size++] = line.output;
            protocols.add(line.protocol);
        }
        return batches.values();
    }

    /** The lines of one event loop. */
    private static final class Batch {
        final EventLoop loop;
        final LineOutput[] outputs;
        int size;

        Batch(EventLoop loop, int capacity) {
            this.loop = loop;
            this.outputs = new LineOutput[capacity];
        }

        /**
         * On {@link #loop}: queues the message on a chunk of lines, then flushes each of them once, chunk after
         * chunk. Chunks, not all lines at once: the first users are sent to at once rather than after every line
         * was queued, and a chunk's channels are still in the CPU cache when they are flushed.
         */
        void writeAll(SharedMessage message) {
            for (int from = 0; from < size; from += FLUSH_CHUNK) {
                int to = Math.min(size, from + FLUSH_CHUNK);
                for (int i = from; i < to; i++) {
                    outputs[i].queueShared(message);
                }
                for (int i = from; i < to; i++) {
                    outputs[i].flush();
                }
            }
        }
    }
}
