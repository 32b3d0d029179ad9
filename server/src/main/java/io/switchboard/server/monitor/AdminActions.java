package io.switchboard.server.monitor;

/** What the admin POSTs of the monitoring port ask the server to do. */
public interface AdminActions {

    /** Starts the graceful shutdown (idempotent). */
    void shutdown(String reason);

    /** Lame duck: no new publishers or calls; calls in flight finish; connections stay (idempotent). */
    void drain();

    /** Reloads the TLS certificates from their files; false when one was unusable. May block on file I/O. */
    boolean reloadTls();
}
