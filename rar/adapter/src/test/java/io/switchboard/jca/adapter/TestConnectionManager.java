package io.switchboard.jca.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The smallest connection manager that behaves like a container's pool where it matters here: it reuses idle
 * connections through {@code matchManagedConnections}, calls {@code cleanup()} when a handle is closed, and
 * destroys a connection on CONNECTION_ERROR_OCCURRED, recording each such event and the thread it came on.
 */
final class TestConnectionManager implements ConnectionManager, ConnectionEventListener {

    private static final long serialVersionUID = 1L;

    record ErrorEvent(ConnectionEvent event, String thread) {}

    private final transient Set<ManagedConnection> idle = ConcurrentHashMap.newKeySet();
    final transient Set<ManagedConnection> created = ConcurrentHashMap.newKeySet();
    final transient List<ErrorEvent> errors = new CopyOnWriteArrayList<>();
    final transient List<ConnectionEvent> closed = new CopyOnWriteArrayList<>();

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info)
            throws ResourceException {
        ManagedConnection mc;
        synchronized (this) {
            mc = factory.matchManagedConnections(new HashSet<>(idle), null, info);
            if (mc != null) {
                idle.remove(mc);
            }
        }
        if (mc == null) {
            mc = factory.createManagedConnection(null, info);
            mc.addConnectionEventListener(this);
            created.add(mc);
        }
        return mc.getConnection(null, info);
    }

    @Override
    public void connectionClosed(ConnectionEvent event) {
        closed.add(event);
        ManagedConnection mc = (ManagedConnection) event.getSource();
        try {
            mc.cleanup();
        } catch (ResourceException e) {
            throw new IllegalStateException(e);
        }
        idle.add(mc);
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
        errors.add(new ErrorEvent(event, Thread.currentThread().getName()));
        ManagedConnection mc = (ManagedConnection) event.getSource();
        idle.remove(mc);
        try {
            mc.destroy(); // as a container does: synchronously, on the thread that told it
        } catch (ResourceException e) {
            throw new IllegalStateException(e);
        }
    }

    Set<ManagedConnection> idle() {
        return Set.copyOf(idle);
    }

    /** Destroys every connection it created, for teardown. */
    void destroyAll() {
        for (ManagedConnection mc : created) {
            try {
                mc.destroy();
            } catch (ResourceException ignored) {
                // teardown
            }
        }
    }

    @Override
    public void localTransactionStarted(ConnectionEvent event) {}

    @Override
    public void localTransactionCommitted(ConnectionEvent event) {}

    @Override
    public void localTransactionRolledback(ConnectionEvent event) {}
}
