package io.switchboard.jca.api;

/** The server is shutting down and accepts no new calls. */
public class ServerShuttingDownException extends SwitchboardException {

    public static final String CODE = "shutting-down";

    public ServerShuttingDownException(String message) {
        super(CODE, message);
    }

    public ServerShuttingDownException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
