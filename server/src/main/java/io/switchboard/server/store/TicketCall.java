package io.switchboard.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An async call as submitted, stored under its ticket. The payload is kept as the opaque bytes the caller sent.
 *
 * @param ticketId  the ticket handed to the caller
 * @param alias     the called session's alias
 * @param method    the called method
 * @param payload   the call's payload bytes
 * @param codec     the wire name of the codec the payload is encoded with
 * @param deadline  when the call times out
 * @param createdAt when the call was submitted
 * @param submitter the name of the user that submitted the call; null without authentication
 */
public record TicketCall(
        String ticketId,
        String alias,
        String method,
        byte[] payload,
        String codec,
        Instant deadline,
        Instant createdAt,
        String submitter) {

    /** A call submitted without authentication. */
    public TicketCall(
            String ticketId, String alias, String method, byte[] payload, String codec, Instant deadline, Instant at) {
        this(ticketId, alias, method, payload, codec, deadline, at, null);
    }

    public TicketCall {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
