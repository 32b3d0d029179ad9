package io.switchboard.client;

/**
 * The connection a request was sent on closed before its answer arrived. The request may or may not
 * have taken effect on the server; the client reconnects on its own.
 */
public class ConnectionLostException extends SwitchboardException {

    public ConnectionLostException(String message) {
        super(message);
    }

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
