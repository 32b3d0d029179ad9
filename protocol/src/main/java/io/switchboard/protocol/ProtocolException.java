package io.switchboard.protocol;

/**
 * A frame or line that breaks the protocol. Carries what the peer should be told, and, when the
 * frame was a DELIVER whose id could still be read, that id, so the caller gets a RESULT for it.
 */
public class ProtocolException extends RuntimeException {

    /**
     * The protocol failure behind an exception a pipeline reported, if there is one: decoders wrap what they
     * throw, and Netty's own frame decoders report an oversize frame their own way.
     */
    public static java.util.Optional<ProtocolException> find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ProtocolException pe) {
                return java.util.Optional.of(pe);
            }
            if (t instanceof io.netty.handler.codec.TooLongFrameException) {
                return java.util.Optional.of(fatal(ErrorCode.FRAME_TOO_LARGE, t.getMessage()));
            }
        }
        return java.util.Optional.empty();
    }

    private final ErrorCode code;
    private final boolean fatal;
    private final long deliverId;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, false, 0, null);
    }

    public ProtocolException(ErrorCode code, String message, boolean fatal, long deliverId, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.fatal = fatal;
        this.deliverId = deliverId;
    }

    public static ProtocolException fatal(ErrorCode code, String message) {
        return new ProtocolException(code, message, true, 0, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** True when the byte stream can no longer be trusted and the connection must close. */
    public boolean isFatal() {
        return fatal;
    }

    /** The id of the malformed DELIVER, or 0 when the frame was not a DELIVER or its id was unreadable. */
    public long deliverId() {
        return deliverId;
    }
}
