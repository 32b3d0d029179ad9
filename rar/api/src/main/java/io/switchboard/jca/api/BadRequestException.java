package io.switchboard.jca.api;

/** The server rejected the call as malformed, e.g. a payload it could not transcode. */
public class BadRequestException extends SwitchboardException {

    public static final String CODE = "bad-request";

    public BadRequestException(String message) {
        super(CODE, message);
    }

    public BadRequestException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
