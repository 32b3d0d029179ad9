package io.switchboard.server.frontdoor;

import io.switchboard.server.logging.LogId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounds on input waiting in the server (per line, per front door, by age) and the overflow policy.
 * Never silent: a drop is counted per line and per front door, the user is told once, the log says so once.
 * Owner event loop only.
 */
final class Buffering {

    private static final Logger log = LoggerFactory.getLogger(Buffering.class);

    private final Dispatcher dispatcher;
    private final FrontDoorConfig config;
    private final FrontDoorCounters counters;

    Buffering(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.config = dispatcher.door.config;
        this.counters = dispatcher.door.counters;
    }

    /** Queues the input unless it does not fit while it has to wait; then applies the overflow policy. */
    boolean admit(Line line, LineEvent input) {
        boolean goesNow = !line.hasQueued() && dispatcher.canSend(line);
        if (!goesNow
                && (line.bufferedBytes() + input.bytes() > config.bufferBytes()
                        || counters.bufferedBytes.get() + input.bytes() > config.bufferTotalBytes())) {
            if (config.overflow() == OverflowPolicy.CLOSE) {
                if (line.close(CloseReason.INPUT_BUFFER_FULL)) {
                    log.info(
                            "{} front door {}: closed {}: its input buffer is full",
                            LogId.FRONT_DOOR_LINE_OVERFLOW,
                            config.name(),
                            line);
                }
            } else {
                drop(line, "its input buffer is full");
            }
            return false;
        }
        line.enqueue(input);
        return true;
    }

    boolean tooOld(LineEvent event) {
        return event.kind == LineEvent.Kind.INPUT
                && System.currentTimeMillis() - event.receivedAt > config.bufferAgeMs();
    }

    void drop(Line line, String why) {
        line.dropped++;
        counters.dropped.increment();
        if (!line.overflowNoticed) {
            line.overflowNoticed = true;
            line.output.text(config.overflowNotice());
            log.info(
                    "{} front door {}: dropping input of {}: {}; the user was told (once until its input flows again)",
                    LogId.FRONT_DOOR_DROPPING_INPUT,
                    config.name(),
                    line,
                    why);
        }
    }
}
