package io.switchboard.client;

/**
 * No connection to a server could be used before the request's deadline (or within the connect timeout,
 * for {@link SwitchboardClient#connect}). The request was never sent, so retrying it is safe.
 */
public class NotConnectedException extends SwitchboardException {

    public NotConnectedException(String message) {
        super(message);
    }

    public NotConnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
