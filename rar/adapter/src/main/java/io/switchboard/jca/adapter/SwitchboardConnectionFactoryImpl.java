package io.switchboard.jca.adapter;

import io.switchboard.jca.api.ConnectionFailedException;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.Reference;

/**
 * What applications look up or inject. Every {@link #getConnection()} asks the container's connection manager,
 * which takes a pooled physical connection (matching, validating, or creating one) and returns a handle on it.
 */
public class SwitchboardConnectionFactoryImpl implements SwitchboardConnectionFactory {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SwitchboardConnectionFactoryImpl.class.getName());

    private final PortableManagedConnectionFactory managedFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    public SwitchboardConnectionFactoryImpl(
            PortableManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public SwitchboardConnection getConnection() {
        return allocate(null);
    }

    @Override
    public SwitchboardConnection getConnection(String userName, String password) {
        return allocate(new SwitchboardConnectionRequestInfo(userName, password));
    }

    private SwitchboardConnection allocate(ConnectionRequestInfo info) {
        try {
            return (SwitchboardConnection) connectionManager.allocateConnection(managedFactory, info);
        } catch (ResourceException e) {
            LOG.log(Level.FINE, "no Switchboard connection from the pool", e);
            throw new ConnectionFailedException("no Switchboard connection: " + describe(e));
        }
    }

    /** The container's message and its causes' (e.g. IJ000453 caused by IJ000655, the pool timeout). */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append("; ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
