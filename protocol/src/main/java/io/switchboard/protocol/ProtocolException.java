package io.switchboard.protocol;

/**
 * A frame or line that breaks the protocol. Carries what the peer should be told, and which answer waits for it
 * when that could still be read: the id of a DELIVER or the req of a FETCH, answered by a RESULT; or the
 * {@code req} of a control request, answered by an ERROR with that {@code req}.
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
    private final long req;
    private final long resultId;

    public ProtocolException(ErrorCode code, String message) {
        this(code, message, false, 0, null);
    }

    public ProtocolException(ErrorCode code, String message, boolean fatal, long deliverId, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.fatal = fatal;
        this.deliverId = deliverId;
        this.req = 0;
        this.resultId = 0;
    }

    private ProtocolException(ProtocolException problem, long req, long resultId) {
        super(problem.getMessage(), problem.getCause());
        this.code = problem.code;
        this.fatal = problem.fatal;
        this.deliverId = 0;
        this.req = req;
        this.resultId = resultId;
    }

    /**
     * {@code problem}, found in a RESULT whose {@code id} could be read: the call it answers can still be ended
     * (the server gives its caller {@code handler-error}).
     */
    public static ProtocolException inResult(ProtocolException problem, long id) {
        return new ProtocolException(problem, 0, id);
    }

    /** {@code problem}, found in the control request {@code req}: its ERROR carries that {@code req}. */
    public static ProtocolException inRequest(ProtocolException problem, long req) {
        return new ProtocolException(problem, req, 0);
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

    /**
     * The id a RESULT {@code bad-request} answers: of the malformed DELIVER, or the req of the malformed FETCH; 0
     * when the frame was neither or its id was unreadable.
     */
    public long deliverId() {
        return deliverId;
    }

    /** The id of a malformed RESULT, for the call it answers; 0 when the frame was none or its id unreadable. */
    public long resultId() {
        return resultId;
    }

    /** The {@code req} of the malformed control request, for its ERROR; 0 when it was none or unreadable. */
    public long req() {
        return req;
    }
}
