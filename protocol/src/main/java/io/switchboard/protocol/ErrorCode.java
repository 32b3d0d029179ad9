package io.switchboard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Codes carried by ERROR frames: failures of the connection or of a control request, never of a call. */
public enum ErrorCode {
    /** A frame or request that could not be understood; the connection stays open when framing is intact. */
    BAD_REQUEST("bad-request"),
    /** The client's protocol version is not one the server speaks. Closes the connection. */
    VERSION_MISMATCH("version-mismatch"),
    /** None of the codecs the client offered is known to the server. Closes the connection. */
    UNKNOWN_CODEC("unknown-codec"),
    /** A frame or line longer than the negotiated maximum. Closes the connection. */
    FRAME_TOO_LARGE("frame-too-large"),
    /** Something other than HELLO arrived before the handshake finished, or the handshake took too long. */
    HANDSHAKE_REQUIRED("handshake-required"),
    /** PUBLISH of an alias whose existing publishers declared other methods. */
    METHOD_MISMATCH("method-mismatch"),
    /** RESCIND or UNSUBSCRIBE of something this connection does not hold. */
    NOT_FOUND("not-found"),
    /** The peer stayed silent for three heartbeat intervals. Closes the connection. */
    HEARTBEAT_TIMEOUT("heartbeat-timeout"),
    /** The connection's user may not make this request (a permission it lacks), or it lacks the admin token. */
    FORBIDDEN("forbidden"),
    /**
     * HELLO without valid credentials on a server that requires them. The server closes the connection shortly
     * after; retrying with the same credentials is pointless.
     */
    UNAUTHORIZED("unauthorized"),
    /** The server is shutting down and refuses new work. */
    SHUTTING_DOWN("shutting-down"),
    /** A per-connection limit was reached (registrations, watches): the request changed nothing; retry later. */
    BUSY("busy"),
    /** The server failed in a way that is not the peer's fault. */
    INTERNAL("internal"),
    /** The peer read slower than the server wrote to it, past the server's limit. Closes the connection. */
    SLOW_CONSUMER("slow-consumer"),
    /** The server (or the peer's address) has as many connections as it allows. Closes the connection. */
    TOO_MANY_CONNECTIONS("too-many-connections"),
    /**
     * The server holds as many bytes of incomplete frames, over all connections, as it allows, and this
     * connection's incomplete frame had waited longest. Closes the connection.
     */
    OVERLOADED("overloaded"),
    /** An XA verb named a branch the server does not hold: never started, or committed or rolled back already. */
    XA_UNKNOWN_XID("xa-unknown-xid"),
    /** A two-phase XA commit of a branch that was not prepared. */
    XA_NOT_PREPARED("xa-not-prepared"),
    /** A call, a second prepare or a one-phase commit for a branch that is prepared already. */
    XA_ALREADY_PREPARED("xa-already-prepared"),
    /** The branch could not be prepared (a limit, or the store failed) and was rolled back: its calls are gone. */
    XA_ROLLED_BACK("xa-rolled-back");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static ErrorCode fromWireName(String name) {
        for (ErrorCode code : values()) {
            if (code.wireName.equals(name)) {
                return code;
            }
        }
        throw new IllegalArgumentException("unknown error code '" + name + "'");
    }
}
