package io.switchboard.jca.api;

/** The line sent to or closed is not open: the user left (or the id is wrong). */
public class LineNotFoundException extends SwitchboardException {

    public static final String CODE = "no-such-line";

    public LineNotFoundException(String message) {
        super(CODE, message);
    }

    public LineNotFoundException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
