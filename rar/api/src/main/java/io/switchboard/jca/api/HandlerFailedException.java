package io.switchboard.jca.api;

/** The publisher's handler failed; the message is the one it reported (never a remote stack trace). */
public class HandlerFailedException extends SwitchboardException {

    public static final String CODE = "handler-error";

    public HandlerFailedException(String message) {
        super(CODE, message);
    }

    public HandlerFailedException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
