package io.switchboard.server.frontdoor;

/** Writes to one user's connection in its protocol's form. Safe from any thread; writes keep their order. */
interface LineOutput {

    void text(String text);

    void binary(byte[] bytes);

    /**
     * Queues, without flushing, a view of a message encoded once for many lines (a broadcast) in this protocol's
     * form. Takes its own reference; the caller releases its own. Called on the line's event loop (see {@link
     * BroadcastWrite}), then {@link #flush()}.
     */
    void queueShared(SharedMessage message);

    /** Sends what {@link #queueShared} queued. */
    void flush();

    /** Tells the user why and closes the connection. */
    void close(CloseReason reason);
}
