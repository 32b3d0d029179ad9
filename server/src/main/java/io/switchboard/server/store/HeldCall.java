package io.switchboard.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A call kept for a {@code hold} session whose publishers are all away, until one returns or the deadline passes.
 *
 * @param callId   unique id of the held call
 * @param alias    the called session's alias
 * @param method   the called method
 * @param payload  the call's payload bytes, opaque
 * @param codec    the wire name of the payload's codec
 * @param meta     the call's headers and caller metadata, encoded by the caller (opaque to the store)
 * @param deadline when the call times out
 * @param arrival  the server-assigned arrival sequence; calls of an alias are delivered in its order
 * @param delivering whether the call was on its way to a publisher (marked before it was sent): after a crash it
 *                 follows the session's lost-publisher policy rather than being delivered again blindly
 */
public record HeldCall(
        String callId,
        String alias,
        String method,
        byte[] payload,
        String codec,
        byte[] meta,
        Instant deadline,
        long arrival,
        boolean delivering) {

    /** A call that waits (not being delivered). */
    public HeldCall(
            String callId,
            String alias,
            String method,
            byte[] payload,
            String codec,
            byte[] meta,
            Instant deadline,
            long arrival) {
        this(callId, alias, method, payload, codec, meta, deadline, arrival, false);
    }

    public HeldCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(deadline, "deadline");
    }
}
