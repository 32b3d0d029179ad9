package io.switchboard.client;

/**
 * Told about the client's connection as it changes. Methods run on the client's I/O thread: return quickly and
 * never block (hand work to an executor). Exceptions thrown here are logged and otherwise ignored.
 */
public interface ConnectionListener {

    /** A handshake with {@code url} succeeded; the connection is usable. */
    default void connected(ServerUrl url) {}

    /** The connection to {@code url} closed or failed; {@code cause} says why when known (may be null). */
    default void lost(ServerUrl url, Throwable cause) {}

    /** The server at {@code url} announced it is shutting down and will close within {@code graceMs}. */
    default void shutdownAnnounced(ServerUrl url, long graceMs) {}
}
