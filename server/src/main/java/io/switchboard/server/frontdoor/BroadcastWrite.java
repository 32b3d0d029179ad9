package io.switchboard.server.frontdoor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes one broadcast message to many lines. The message is encoded once, into one pooled direct buffer (the
 * epoll transport would copy a heap buffer once per line), and every line writes a retained view of it. The lines are
 * grouped by event loop: each loop gets one task that queues the message on its lines and flushes them, chunk by
 * chunk, instead of one task (and one wake-up) per line. The loop the call runs on, when it holds lines, writes them
 * inline, after the other loops got their tasks, so that they work meanwhile. Any thread.
 *
 * <p>Per-line order holds: a line's broadcast is queued on its event loop at the time of the call, before anything
 * the same caller writes to that line later. A line closed meanwhile fails its write, which releases its view.
 */
final class BroadcastWrite {

    /** Lines queued before they are flushed, one after the other. */
    static final int FLUSH_CHUNK = 128;

    private BroadcastWrite() {}

    /**
     * Writes {@code message} followed by {@code \n} to every line of {@code targets}, which must not change
     * afterwards.
     */
    static void write(List<Line> targets, byte[] message, boolean binary) {
        if (targets.isEmpty()) {
            return;
        }
        write(targets, encode(message), binary);
    }

    /**
     * {@code message} followed by {@code \n}, in a direct buffer from Netty's {@link PooledByteBufAllocator}: each
     * line's view of a pooled buffer comes from Netty's recycler, where an unpooled buffer's view is a new object per
     * line and broadcast. Not the channels' default allocator: its views are new objects too, and it may set up a
     * whole chunk for this one buffer (about 2 ms a round).
     */
    static ByteBuf encode(byte[] message) {
        ByteBuf withNewline = PooledByteBufAllocator.DEFAULT.directBuffer(message.length + 1);
        return withNewline.writeBytes(message).writeByte('\n');
    }

    /**
     * Writes an encoded message (ending in {@code \n}) to every line; takes over the caller's reference to
     * {@code withNewline}, which is released once the last event loop has queued it on its lines. {@code targets}
     * must not change afterwards: an event loop's task may still be reading it.
     */
    static void write(List<Line> targets, ByteBuf withNewline, boolean binary) {
        try {
            Batch here = null;
            for (Batch batch : byEventLoop(targets)) {
                if (batch.loop.inEventLoop()) {
                    here = batch;
                    continue;
                }
                withNewline.retain(); // the task's reference, released when it has queued the message
                try {
                    batch.loop.execute(() -> {
                        try {
                            batch.writeAll(withNewline, binary);
                        } finally {
                            withNewline.release();
                        }
                    });
                } catch (RejectedExecutionException stopping) {
                    withNewline.release(); // the server is stopping: that loop's lines are closing anyway
                }
            }
            if (here != null) {
                here.writeAll(withNewline, binary);
            }
        } finally {
            withNewline.release();
        }
    }

    /**
     * The lines grouped by event loop. Counted first, so that no list grows: with all lines on one loop (one I/O
     * thread, the default on two cores) that loop's batch is {@code targets} itself, else each batch's list is
     * allocated once at its size.
     */
    private static Collection<Batch> byEventLoop(List<Line> targets) {
        Map<EventLoop, Batch> batches = new LinkedHashMap<>();
        Batch last = null;
        for (int i = 0; i < targets.size(); i++) {
            last = batchOf(targets.get(i), last, batches);
            last.size++;
        }
        if (batches.size() == 1) {
            last.lines = targets;
            return batches.values();
        }
        for (int i = 0; i < targets.size(); i++) {
            Line line = targets.get(i);
            last = batchOf(line, last, batches);
            if (last.lines == null) {
                last.lines = new ArrayList<>(last.size);
            }
            last.lines.add(line);
        }
        return batches.values();
    }

    private static Batch batchOf(Line line, Batch last, Map<EventLoop, Batch> batches) {
        EventLoop loop = line.channel.eventLoop();
        if (last != null && last.loop == loop) { // lines of one loop tend to come together
            return last;
        }
        return batches.computeIfAbsent(loop, Batch::new);
    }

    /** The lines of one event loop. */
    private static final class Batch {
        final EventLoop loop;
        int size;
        List<Line> lines;

        Batch(EventLoop loop) {
            this.loop = loop;
        }

        /**
         * On {@link #loop}: queues the message on a chunk of lines, then flushes each of them once, chunk after
         * chunk. Chunks, not all lines at once: the first users are sent to at once rather than after every line
         * was queued, and a chunk's channels are still in the CPU cache when they are flushed.
         */
        void writeAll(ByteBuf withNewline, boolean binary) {
            for (int from = 0; from < lines.size(); from += FLUSH_CHUNK) {
                int to = Math.min(lines.size(), from + FLUSH_CHUNK);
                for (int i = from; i < to; i++) {
                    lines.get(i).output.queueShared(withNewline, binary);
                }
                for (int i = from; i < to; i++) {
                    lines.get(i).output.flush();
                }
            }
        }
    }
}
