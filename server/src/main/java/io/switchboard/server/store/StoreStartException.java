package io.switchboard.server.store;

/**
 * The store cannot be opened: unreadable or corrupt SQLite file, a schema newer than this server knows, an
 * unreachable database. The message names the file or URL; the data has not been touched.
 */
public final class StoreStartException extends StoreException {

    public StoreStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
