package io.switchboard.jca.adapter;

import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A container listener that only records what it is told. */
final class ConnectionEventRecorder implements ConnectionEventListener {

    final List<ConnectionEvent> errors = new CopyOnWriteArrayList<>();
    final List<ConnectionEvent> closed = new CopyOnWriteArrayList<>();

    @Override
    public void connectionClosed(ConnectionEvent event) {
        closed.add(event);
    }

    @Override
    public void connectionErrorOccurred(ConnectionEvent event) {
        errors.add(event);
    }

    @Override
    public void localTransactionStarted(ConnectionEvent event) {}

    @Override
    public void localTransactionCommitted(ConnectionEvent event) {}

    @Override
    public void localTransactionRolledback(ConnectionEvent event) {}
}
