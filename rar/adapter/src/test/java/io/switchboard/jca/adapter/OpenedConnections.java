package io.switchboard.jca.adapter;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.Ticket;
import jakarta.resource.ResourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The managed connections a test opens, as a pool would, destroyed together after it. */
final class OpenedConnections implements AutoCloseable {

    private final SwitchboardManagedConnectionFactory factory;
    private final List<SwitchboardManagedConnection> opened = new ArrayList<>();

    OpenedConnections(SwitchboardManagedConnectionFactory factory) {
        this.factory = factory;
    }

    SwitchboardManagedConnectionFactory factory() {
        return factory;
    }

    /** A new managed connection of the test's factory. */
    SwitchboardManagedConnection open() throws ResourceException {
        return open(factory);
    }

    /** A new managed connection of {@code other} (e.g. one that reaches the server through a proxy). */
    SwitchboardManagedConnection open(SwitchboardManagedConnectionFactory other) throws ResourceException {
        SwitchboardManagedConnection mc = (SwitchboardManagedConnection) other.createManagedConnection(null, null);
        opened.add(mc);
        return mc;
    }

    /** An application's handle of {@code mc}. */
    static SwitchboardConnection handle(SwitchboardManagedConnection mc) throws ResourceException {
        return (SwitchboardConnection) mc.getConnection(null, null);
    }

    /** The ticket's result as a string, within the test bed's patience. */
    static String result(Ticket ticket) throws Exception {
        return ticket.result(String.class).get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        opened.forEach(SwitchboardManagedConnection::destroy);
    }
}
