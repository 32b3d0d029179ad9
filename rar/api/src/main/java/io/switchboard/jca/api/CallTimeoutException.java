package io.switchboard.jca.api;

/** The call's deadline passed before a result arrived. The publisher may still have run it. */
public class CallTimeoutException extends SwitchboardException {

    public static final String CODE = "timeout";

    public CallTimeoutException(String message) {
        super(CODE, message);
    }

    public CallTimeoutException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
