package io.switchboard.client;

/** Base of every failure the Switchboard client reports. Unchecked, so lambdas and streams stay simple. */
public class SwitchboardException extends RuntimeException {

    public SwitchboardException(String message) {
        super(message);
    }

    public SwitchboardException(String message, Throwable cause) {
        super(message, cause);
    }
}
