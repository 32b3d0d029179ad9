package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/**
 * A call. Caller to server with the caller's id; server to publisher with an id the server chose.
 * Answered by exactly one RESULT with the same id.
 *
 * @param id        correlation id, unique among the sender's outstanding calls
 * @param alias     the session called
 * @param method    the method called
 * @param timeoutMs milliseconds the sender will wait from now; 0 asks for the server's default
 * @param payload   the argument, opaque bytes in the sender's codec; empty for none
 */
public record Deliver(long id, String alias, String method, long timeoutMs, byte[] payload) implements Message {

    public static final byte[] NO_PAYLOAD = new byte[0];

    public Deliver {
        payload = payload == null ? NO_PAYLOAD : payload;
    }

    @Override
    public FrameType frameType() {
        return FrameType.DELIVER;
    }

    /** The same call under another id and deadline, as the server forwards it. */
    public Deliver forward(long newId, long newTimeoutMs, byte[] newPayload) {
        return new Deliver(newId, alias, method, newTimeoutMs, newPayload);
    }

    @Override
    public String toString() {
        return "Deliver[id=" + id + ", alias=" + alias + ", method=" + method + ", timeoutMs=" + timeoutMs
                + ", payload=" + payload.length + " bytes]";
    }
}
