package io.switchboard.jca.adapter;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ManagedConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The container's listeners of one managed connection, and the events the adapter tells them. */
final class ConnectionEvents {

    private static final Logger LOG = Logger.getLogger(ConnectionEvents.class.getName());

    private final ManagedConnection source;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();

    ConnectionEvents(ManagedConnection source) {
        this.source = source;
    }

    void add(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    void remove(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    /** The application closed {@code handle}: the container returns the connection to the pool once all are. */
    void handleClosed(Object handle) {
        ConnectionEvent event = new ConnectionEvent(source, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener listener : listeners) {
            listener.connectionClosed(event);
        }
    }

    /** The physical connection is unusable: the container destroys it instead of pooling it again. */
    void errorOccurred(Exception cause) {
        ConnectionEvent event = new ConnectionEvent(source, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        for (ConnectionEventListener listener : listeners) {
            try {
                listener.connectionErrorOccurred(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the container's listener failed on a connection error of " + source, e);
            }
        }
    }
}
