package io.switchboard.server.frontdoor;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a front door's line events into DELIVERs to the line's instance, one event in flight per line, in
 * order, and takes their RESULTs. Owns the front door's mutable state, which only its owner event loop touches:
 * every method but {@link #execute} runs there.
 */
final class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** How long an event waits after a busy or shutting-down answer before it goes again. */
    static final long RETRY_PAUSE_MS = 100;

    final FrontDoor door;
    /** Every line not yet forgotten: open, or closed with its disconnect not yet answered. */
    final Set<Line> lines = new LinkedHashSet<>();

    final Assignments assignments;
    final Welcomes welcomes;
    private final Buffering buffering;
    private final Turns turns;
    private long nextCallId;

    Dispatcher(FrontDoor door) {
        this.door = door;
        this.assignments = new Assignments(this);
        this.welcomes = new Welcomes(this);
        this.buffering = new Buffering(this);
        this.turns = new Turns(this);
    }

    /** Runs {@code task} on the owner event loop, unless that loop has shut down with the server. */
    void execute(Runnable task) {
        try {
            door.owner.execute(task);
        } catch (RejectedExecutionException e) {
            // The server is gone; so are the lines.
        }
    }

    long nextCallId() {
        return ++nextCallId;
    }

    void connected(Line line) {
        lines.add(line);
        line.enqueue(LineEvent.connect());
        assignments.placeNew(line);
        pump(line);
    }

    void input(Line line, LineEvent input) {
        if (line.open && buffering.admit(line, input)) {
            pump(line);
        }
    }

    void disconnected(Line line) {
        line.open = false;
        line.enqueue(LineEvent.disconnect(line.disconnectReason()));
        pump(line);
    }

    /** Whether the line's next event could go out now. */
    boolean canSend(Line line) {
        return line.inflight == null
                && !line.paused
                && line.instance != null
                && line.waitingFor != line.instance
                && line.instance.ready()
                && !door.shuttingDown.getAsBoolean();
    }

    /** Sends the line's next event if it may go now. */
    void pump(Line line) {
        while (canSend(line) && line.hasQueued()) {
            LineEvent event = line.take();
            if (buffering.tooOld(event)) {
                buffering.drop(line, "it waited longer than buffer-age");
                continue;
            }
            send(line, event);
        }
    }

    /** The instance answered its last welcome-back: its lines' events may go. */
    void instanceReady(Instance instance) {
        for (Line line : List.copyOf(instance.lines)) {
            pump(line);
        }
    }

    private void send(Line line, LineEvent event) {
        Instance instance = line.instance;
        EventCall call = new EventCall(this, line, event, instance, 0);
        byte[] payload =
                event.kind == LineEvent.Kind.INPUT ? EventPayloads.input(call.codec(), event) : Deliver.NO_PAYLOAD;
        line.inflight = call;
        Result refusal = door.forward(instance, call, nextCallId(), event.kind.method, meta(line, event), payload);
        if (refusal != null) {
            line.inflight = null;
            if (refusal.code() == ResultCode.BUSY) {
                // The instance is at its in-flight cap: wait for a turn rather than race the other lines.
                line.requeueFirst(event);
                turns.waitTurn(line, instance);
            } else {
                outcome(line, instance, event, refusal);
            }
            return;
        }
        door.counters.delivered.increment();
        if (event.redelivered) {
            door.counters.redelivered.increment();
        }
        line.dropped = 0;
        line.overflowNoticed = false;
    }

    private CallMeta meta(Line line, LineEvent event) {
        Map<String, String> headers = new LinkedHashMap<>(line.headers);
        LineAttributes.addHeaders(line.attributes(), headers);
        if (event.redelivered) {
            headers.put("redelivered", "true");
        }
        if (event.kind == LineEvent.Kind.INPUT) {
            headers.put("kind", event.binary ? "binary" : "text");
            headers.put("received_at", Long.toString(event.receivedAt));
        } else if (event.kind == LineEvent.Kind.DISCONNECT) {
            headers.put("reason", event.reason);
        }
        return CallMeta.of(door.callerName, headers);
    }

    /** An event's RESULT, on the owner loop. A RESULT for an event no longer in flight (moved away) is dropped. */
    void answered(EventCall call, Result result) {
        if (call.line == null) {
            welcomes.answered(call, result);
            turns.slotFreed(call.instance);
            return;
        }
        Line line = call.line;
        if (line.inflight != call) {
            turns.slotFreed(call.instance);
            return;
        }
        line.inflight = null;
        outcome(line, call.instance, call.event, result);
        // Lines that waited for the slot this answer freed go before this line's next event.
        turns.slotFreed(call.instance);
        pump(line);
    }

    private void outcome(Line line, Instance instance, LineEvent event, Result result) {
        ResultCode code = result.code();
        if (code == ResultCode.SHUTTING_DOWN && !instance.isLocal()) {
            // That node is stopping: its instance goes now; it may have held the event, so it goes again marked.
            line.requeueFirst(event.asRedelivered());
            assignments.remoteLost(instance);
        } else if (code == ResultCode.BUSY || code == ResultCode.SHUTTING_DOWN) {
            line.requeueFirst(event);
            pause(line);
        } else if (code == ResultCode.PUBLISHER_LOST) {
            // The instance went away holding it; whoever takes the line over gets it again.
            line.requeueFirst(event.asRedelivered());
            assignments.remoteLost(instance);
        } else if (code == ResultCode.NO_SUCH_SESSION && !instance.isLocal()) {
            // Another node's publishers went before its directory update came: the event was not delivered.
            line.requeueFirst(event);
            assignments.remoteLost(instance);
        } else {
            if (!code.isOk()) {
                door.counters.failed.increment();
                log.info(
                        "front door {}: the {} event of {} was answered {}: {}",
                        door.config.name(),
                        event.kind.method,
                        line,
                        code.wireName(),
                        result.message());
            }
            finished(line, event);
        }
    }

    private void finished(Line line, LineEvent event) {
        if (event.kind == LineEvent.Kind.CONNECT) {
            line.announced = true;
        } else if (event.kind == LineEvent.Kind.DISCONNECT) {
            forget(line);
        }
    }

    private void forget(Line line) {
        lines.remove(line);
        if (line.instance != null) {
            line.instance.lines.remove(line);
            line.instance = null;
        }
        line.discardQueue();
        door.tracked.decrementAndGet();
    }

    private void pause(Line line) {
        if (door.shuttingDown.getAsBoolean()) {
            return;
        }
        line.paused = true;
        door.timer.newTimeout(
                t -> execute(() -> {
                    line.paused = false;
                    pump(line);
                }),
                RETRY_PAUSE_MS,
                TimeUnit.MILLISECONDS);
    }
}
