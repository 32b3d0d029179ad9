package io.switchboard.server.frontdoor;

/**
 * A snapshot of one front door.
 *
 * @param openLines            user connections open now
 * @param instances            handler instances now: publications of the handler alias here, and in a cluster
 *                             each other node publishing it
 * @param bufferedEvents       events waiting to be delivered (not counting those in flight)
 * @param bufferedBytes        input bytes waiting to be delivered
 * @param dropped              inputs dropped by the overflow policy or for their age
 * @param closedMessageTooLong lines closed for a message longer than max-message-bytes
 * @param closedRateExceeded   lines closed for input faster than max-input-rate
 * @param closedTooManyLines   connections refused because max-lines were open
 * @param closedBufferFull     lines closed by the overflow policy {@code close}
 * @param refusedAddressLimit  connections refused or lines closed for their address's limits (lines per address,
 *                             input rate per address)
 * @param closedSilent         lines closed for silence (tcp idle-timeout, websocket ping unanswered) and websocket
 *                             connections closed for not finishing the upgrade within handshake-timeout
 * @param closedProtocolError  websocket lines closed for a protocol violation or a text message that is not UTF-8
 * @param delivered            events sent to instances (redeliveries included)
 * @param redelivered          events sent again after their instance went away without answering
 * @param failed               events answered with a failure other than busy/shutting-down/publisher-lost
 * @param outages              times the door's last handler instance went away (its lines then wait for one)
 * @param welcomeBacks         welcome-backs sent: one per instance that took over lines (a new publication, or the
 *                             lines of an instance that went away)
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
        long refusedAddressLimit,
        long closedSilent,
        long closedProtocolError,
        long delivered,
        long redelivered,
        long failed,
        long outages,
        long welcomeBacks) {}
