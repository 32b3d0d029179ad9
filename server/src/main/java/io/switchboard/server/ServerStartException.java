package io.switchboard.server;

/** The server could not start: a listener could not be bound, or its unix socket path is taken. */
public final class ServerStartException extends RuntimeException {

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
