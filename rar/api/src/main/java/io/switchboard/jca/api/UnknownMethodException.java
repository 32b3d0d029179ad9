package io.switchboard.jca.api;

/** The session exists but does not publish the method called. */
public class UnknownMethodException extends SwitchboardException {

    public static final String CODE = "unknown-method";

    public UnknownMethodException(String message) {
        super(CODE, message);
    }

    public UnknownMethodException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
