package io.switchboard.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * How a ticket's call ended, kept until {@code expiresAt} for a FETCH from any connection.
 *
 * @param code        "ok" or the error code the caller would have got
 * @param message     the error message; null for a success
 * @param payload     the reply's payload bytes (empty when there was none)
 * @param codec       the wire name of the payload's codec (the fetching connection may speak another)
 * @param completedAt when the call ended
 * @param expiresAt   when the outcome may be forgotten
 */
public record TicketOutcome(
        String code, String message, byte[] payload, String codec, Instant completedAt, Instant expiresAt) {

    public TicketOutcome {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
