package io.switchboard.jca.api;

/** No connection to the server: it cannot be reached, the connection was lost during the call, or the pool had none free within its blocking timeout. */
public class ConnectionFailedException extends SwitchboardException {

    public static final String CODE = "connection-failed";

    public ConnectionFailedException(String message) {
        super(CODE, message);
    }

    public ConnectionFailedException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
