package io.switchboard.server.frontdoor;

/**
 * A snapshot of one front door.
 *
 * @param openLines            user connections open now
 * @param instances            handler instances (publications of the handler alias) now
 * @param bufferedEvents       events waiting to be delivered (not counting those in flight)
 * @param bufferedBytes        input bytes waiting to be delivered
 * @param dropped              inputs dropped by the overflow policy or for their age
 * @param closedMessageTooLong lines closed for a message longer than max-message-bytes
 * @param closedRateExceeded   lines closed for input faster than max-input-rate
 * @param closedTooManyLines   connections refused because max-lines were open
 * @param closedBufferFull     lines closed by the overflow policy {@code close}
 * @param delivered            events sent to instances (redeliveries included)
 * @param redelivered          events sent again after their instance went away without answering
 * @param failed               events answered with a failure other than busy/shutting-down/publisher-lost
 */
public record FrontDoorStats(
        int openLines,
        int instances,
        long bufferedEvents,
        long bufferedBytes,
        long dropped,
        long closedMessageTooLong,
        long closedRateExceeded,
        long closedTooManyLines,
        long closedBufferFull,
        long delivered,
        long redelivered,
        long failed) {}
