package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/**
 * Server to client: the control request {@code req} succeeded.
 *
 * @param req          the request it answers
 * @param policy       for a PUBLISH only: the session's policy now in effect ({@code fail}, {@code hold},
 *                     {@code reroute}); absent otherwise. A string, so a client reads the ACK of a newer server
 * @param policySource for a PUBLISH only: where that policy came from: {@code request} (the PUBLISH named it),
 *                     {@code session} (the alias's publishers or kept definition had it already: the PUBLISH named
 *                     none) or {@code config} (the server's configuration or default)
 */
public record Ack(long req, String policy, String policySource) implements Message {

    /** The policy named by the PUBLISH itself. */
    public static final String FROM_REQUEST = "request";
    /** The policy the alias had already, from its publishers or its kept definition. */
    public static final String FROM_SESSION = "session";
    /** The server's configured policy for the alias, or the default. */
    public static final String FROM_CONFIG = "config";

    /** The ACK of any request but PUBLISH. */
    public Ack(long req) {
        this(req, null, null);
    }

    @Override
    public FrameType frameType() {
        return FrameType.ACK;
    }
}
