package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/**
 * Client to server, from any connection: the outcome of an async call. Answered by a RESULT with {@code id = req}:
 * the call's stored outcome, {@code pending} when it has not ended within {@code waitMs}, or {@code no-such-ticket}.
 *
 * @param req    request id, echoed as the RESULT's id
 * @param waitMs how long the server may wait for the call to end; 0 answers at once; capped by the server's
 *               max timeout
 * @param ticket the ticket a TICKET handed out
 */
public record Fetch(long req, long waitMs, String ticket) implements Message {

    public Fetch {
        if (ticket == null || ticket.isEmpty()) {
            throw new IllegalArgumentException("FETCH needs a non-empty \"ticket\"");
        }
        if (waitMs < 0 || waitMs > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("FETCH \"wait_ms\" must be 0 to 4294967295, not " + waitMs);
        }
    }

    @Override
    public FrameType frameType() {
        return FrameType.FETCH;
    }
}
