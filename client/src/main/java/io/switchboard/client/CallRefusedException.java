package io.switchboard.client;

import io.switchboard.protocol.ResultCode;
import java.util.EnumSet;
import java.util.Set;

/**
 * Thrown by a {@link SessionHandler} to refuse a call with one of the codes a server also uses for refusals
 * ({@code busy}, {@code shutting-down}, {@code bad-request}) instead of {@code handler-error}: the caller then
 * reacts as it would to the server's own refusal (retry elsewhere, later, or fix the request).
 */
public class CallRefusedException extends SwitchboardException {

    /** The codes a publisher may answer with besides ok and handler-error. */
    public static final Set<ResultCode> CODES =
            EnumSet.of(ResultCode.BUSY, ResultCode.SHUTTING_DOWN, ResultCode.BAD_REQUEST);

    private final ResultCode code;

    public CallRefusedException(ResultCode code, String message) {
        super(message);
        if (!CODES.contains(code)) {
            throw new IllegalArgumentException("a publisher refuses a call with one of " + CODES + ", not " + code);
        }
        this.code = code;
    }

    public ResultCode code() {
        return code;
    }
}
