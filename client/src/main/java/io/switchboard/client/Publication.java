package io.switchboard.client;

/** A session this client publishes. Re-published automatically after reconnects until closed. */
public interface Publication extends AutoCloseable {

    String alias();

    /** Rescinds the session (best effort when disconnected) and stops re-publishing it. Idempotent. */
    @Override
    void close();
}
