package io.switchboard.server.frontdoor;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One user connection. Its identity, output and close reason may be used from any thread; everything else
 * (its instance, its event queue, the event in flight) belongs to the front door's owner event loop.
 */
final class Line {

    /** How long the reason may take to reach the user before the connection is closed anyway. */
    static final long CLOSE_GRACE_MS = 5_000;

    final String id;
    final Channel channel;
    final LineOutput output;
    final FrontDoorProtocol protocol;
    /** {@code ip:port} of the user. */
    final String remote;

    final long connectedAt;
    /** The headers every event of this line carries, in order. */
    final Map<String, String> headers;

    private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();
    /** What the application set with {@code set-attributes}; replaced whole, so any thread reads a consistent set. */
    private final AtomicReference<Map<String, String>> attributes = new AtomicReference<>(Map.of());

    private final FrontDoorCounters counters;
    private final RefusalLog refusals;

    // Owner event loop only, from here on.
    private final ArrayDeque<LineEvent> queue = new ArrayDeque<>();
    private long bufferedBytes;
    Instance instance;
    EventCall inflight;
    /** Whether an instance answered this line's connect. */
    boolean announced;

    boolean open = true;
    /** The instance whose free slot this line waits for (see {@link Turns}); it sends nothing until its turn. */
    Instance waitingFor;
    /** Waiting out a pause after a busy or shutting-down answer. */
    boolean paused;
    /** Inputs dropped since an event of this line was last delivered. */
    int dropped;
    /** The overflow notice was sent since an event of this line was last delivered. */
    boolean overflowNoticed;

    Line(
            String id,
            Channel channel,
            LineOutput output,
            FrontDoorProtocol protocol,
            String remote,
            long connectedAt,
            String frontDoor,
            FrontDoorCounters counters,
            RefusalLog refusals) {
        this.id = id;
        this.channel = channel;
        this.output = output;
        this.protocol = protocol;
        this.remote = remote;
        this.connectedAt = connectedAt;
        this.counters = counters;
        this.refusals = refusals;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("line", id);
        h.put("remote", remote);
        h.put("protocol", protocol.wireName());
        h.put("connected_at", Long.toString(connectedAt));
        h.put("front_door", frontDoor);
        this.headers = Collections.unmodifiableMap(h);
    }

    /** Closes the line telling the user why, counting a limit; the first reason wins. Any thread. */
    boolean close(CloseReason reason) {
        if (!closeReason.compareAndSet(null, reason)) {
            return false;
        }
        counters.closedBy(reason);
        if (reason.isRefusal()) {
            refusals.refused(channel.remoteAddress(), "line " + id + " closed: " + reason.text());
        }
        output.close(reason);
        // The close waits for the reason to be written; a dead or never-reading user must not hold it forever.
        try {
            channel.eventLoop()
                    .schedule(
                            () -> {
                                channel.close();
                            },
                            CLOSE_GRACE_MS,
                            TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            channel.close(); // the server is stopping: no grace
        }
        return true;
    }

    /** The line's attributes now, unmodifiable. Any thread. */
    Map<String, String> attributes() {
        return attributes.get();
    }

    /**
     * Applies an application's {@code set-attributes}: a null value removes that attribute. Any thread.
     *
     * @throws IllegalArgumentException over a {@link LineAttributes} bound; nothing changes then
     */
    void setAttributes(Map<String, String> changes) {
        attributes.updateAndGet(current -> LineAttributes.apply(current, changes));
    }

    boolean closing() {
        return closeReason.get() != null;
    }

    /** The {@code reason} of this line's disconnect event. */
    String disconnectReason() {
        CloseReason reason = closeReason.get();
        return reason == null ? CloseReason.BY_USER : reason.disconnectReason();
    }

    void enqueue(LineEvent event) {
        queue.addLast(event);
        counted(event, 1);
    }

    /** Puts an event that went out back first in line (to retry or redeliver it). */
    void requeueFirst(LineEvent event) {
        queue.addFirst(event);
        counted(event, 1);
    }

    LineEvent peek() {
        return queue.peekFirst();
    }

    LineEvent take() {
        LineEvent event = queue.pollFirst();
        if (event != null) {
            counted(event, -1);
        }
        return event;
    }

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    long bufferedBytes() {
        return bufferedBytes;
    }

    /** Forgets what is still queued (the line is gone for good); keeps the totals right. */
    void discardQueue() {
        while (take() != null) {
            // counted down in take
        }
    }

    private void counted(LineEvent event, int sign) {
        bufferedBytes += sign * event.bytes();
        counters.bufferedEvents.addAndGet(sign);
        counters.bufferedBytes.addAndGet((long) sign * event.bytes());
    }

    @Override
    public String toString() {
        return "line " + id + " (" + remote + ")";
    }
}
