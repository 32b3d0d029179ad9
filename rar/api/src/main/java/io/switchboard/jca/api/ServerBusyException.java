package io.switchboard.jca.api;

/** Every publisher of the session is at its in-flight cap; try again later. */
public class ServerBusyException extends SwitchboardException {

    public static final String CODE = "busy";

    public ServerBusyException(String message) {
        super(CODE, message);
    }

    public ServerBusyException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
