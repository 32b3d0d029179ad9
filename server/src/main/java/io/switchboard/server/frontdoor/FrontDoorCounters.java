package io.switchboard.server.frontdoor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** One front door's counters, bumped on line and owner event loops, read by {@link FrontDoorStats}. */
final class FrontDoorCounters {

    final AtomicInteger instances = new AtomicInteger();
    final AtomicLong bufferedEvents = new AtomicLong();
    final AtomicLong bufferedBytes = new AtomicLong();
    final LongAdder dropped = new LongAdder();
    final LongAdder closedMessageTooLong = new LongAdder();
    final LongAdder closedRateExceeded = new LongAdder();
    final LongAdder closedTooManyLines = new LongAdder();
    final LongAdder closedBufferFull = new LongAdder();
    final LongAdder refusedAddressLimit = new LongAdder();
    final LongAdder closedSilent = new LongAdder();
    final LongAdder closedProtocolError = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder redelivered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder outages = new LongAdder();
    final LongAdder welcomeBacks = new LongAdder();

    void closedBy(CloseReason reason) {
        if (reason == CloseReason.MESSAGE_TOO_LONG) {
            closedMessageTooLong.increment();
        } else if (reason == CloseReason.INPUT_RATE_EXCEEDED) {
            closedRateExceeded.increment();
        } else if (reason == CloseReason.TOO_MANY_LINES) {
            closedTooManyLines.increment();
        } else if (reason == CloseReason.INPUT_BUFFER_FULL) {
            closedBufferFull.increment();
        } else if (reason == CloseReason.TOO_MANY_LINES_FROM_ADDRESS || reason == CloseReason.ADDRESS_RATE_EXCEEDED) {
            refusedAddressLimit.increment();
        } else if (reason == CloseReason.IDLE_TIMEOUT || reason == CloseReason.NO_PONG) {
            closedSilent.increment();
        } else if (reason == CloseReason.PROTOCOL_ERROR || reason == CloseReason.INVALID_TEXT) {
            closedProtocolError.increment();
        }
    }

    FrontDoorStats snapshot(int openLines) {
        return new FrontDoorStats(
                openLines,
                instances.get(),
                bufferedEvents.get(),
                bufferedBytes.get(),
                dropped.sum(),
                closedMessageTooLong.sum(),
                closedRateExceeded.sum(),
                closedTooManyLines.sum(),
                closedBufferFull.sum(),
                refusedAddressLimit.sum(),
                closedSilent.sum(),
                closedProtocolError.sum(),
                delivered.sum(),
                redelivered.sum(),
                failed.sum(),
                outages.sum(),
                welcomeBacks.sum());
    }
}
