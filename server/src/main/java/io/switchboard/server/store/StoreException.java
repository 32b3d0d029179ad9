package io.switchboard.server.store;

/** A store operation failed, or the store is closed. The message names the store's file or URL. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
