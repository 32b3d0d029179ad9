package io.switchboard.client;

/** Interest in one session's state. Renewed automatically after reconnects until closed. */
public interface Subscription extends AutoCloseable {

    String alias();

    /** Unsubscribes (best effort when disconnected); the listener hears nothing more. Idempotent. */
    @Override
    void close();
}
