package io.switchboard.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The closed set of outcomes of a DELIVER. Every DELIVER gets exactly one RESULT carrying one of these.
 * All but {@link #OK} and {@link #HANDLER_ERROR} are produced by the server itself.
 */
public enum ResultCode {
    /** The publisher answered; the payload is its answer. */
    OK(0, "ok"),
    /** The publisher's handler failed; the message says why. */
    HANDLER_ERROR(1, "handler-error"),
    /** The deadline passed before a result arrived. */
    TIMEOUT(2, "timeout"),
    /** No publisher has published the alias. */
    NO_SUCH_SESSION(3, "no-such-session"),
    /** The session exists but did not publish the method. */
    UNKNOWN_METHOD(4, "unknown-method"),
    /** The publisher went away while the call was outstanding and the method is not idempotent. */
    PUBLISHER_LOST(5, "publisher-lost"),
    /** Every publisher of the session is at its in-flight cap. */
    BUSY(6, "busy"),
    /** The server is shutting down and takes no new calls. */
    SHUTTING_DOWN(7, "shutting-down"),
    /** The call itself was malformed (bad alias, bad timeout, payload not valid in its codec). */
    BAD_REQUEST(8, "bad-request"),
    /** A front door's {@code $lines} session was asked to send to or close a line that is not open. */
    NO_SUCH_LINE(9, "no-such-line"),
    /** FETCH of an async call's ticket whose call has not ended (within the FETCH's wait). */
    PENDING(10, "pending"),
    /** FETCH of a ticket the server does not know: never issued, or its outcome expired and was removed. */
    NO_SUCH_TICKET(11, "no-such-ticket"),
    /**
     * The caller's user may not call the alias (or FETCH the ticket). Answered before the alias is looked up, so it
     * says nothing about whether the alias is published.
     */
    FORBIDDEN(12, "forbidden"),
    /** The call's XA branch was rolled back before it committed: the call never ran. */
    ROLLED_BACK(13, "rolled-back");

    private static final ResultCode[] BY_WIRE_CODE;

    static {
        int highest = 0;
        for (ResultCode code : values()) {
            highest = Math.max(highest, code.wireCode);
        }
        BY_WIRE_CODE = new ResultCode[highest + 1];
        for (ResultCode code : values()) {
            BY_WIRE_CODE[code.wireCode] = code;
        }
    }

    private final int wireCode;
    private final String wireName;

    ResultCode(int wireCode, String wireName) {
        this.wireCode = wireCode;
        this.wireName = wireName;
    }

    /** The byte that stands for this code in a binary RESULT frame. */
    public int wireCode() {
        return wireCode;
    }

    /** The name that stands for this code in text mode and in documents. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean isOk() {
        return this == OK;
    }

    public static ResultCode fromWireCode(int code) {
        if (code < 0 || code >= BY_WIRE_CODE.length || BY_WIRE_CODE[code] == null) {
            throw new IllegalArgumentException("unknown result code " + code);
        }
        return BY_WIRE_CODE[code];
    }

    @JsonCreator
    public static ResultCode fromWireName(String name) {
        for (ResultCode code : values()) {
            if (code.wireName.equals(name)) {
                return code;
            }
        }
        throw new IllegalArgumentException("unknown result code '" + name + "'");
    }
}
