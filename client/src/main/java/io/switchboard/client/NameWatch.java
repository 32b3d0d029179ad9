package io.switchboard.client;

/** Interest in one registry name's entries. Renewed automatically after reconnects until closed. */
public interface NameWatch extends AutoCloseable {

    String name();

    /** Stops watching (best effort when disconnected); the listener hears nothing more. Idempotent. */
    @Override
    void close();
}
