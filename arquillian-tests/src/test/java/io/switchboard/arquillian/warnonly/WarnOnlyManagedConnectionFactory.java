package io.switchboard.arquillian.warnonly;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * Deliberately flawed, mildly: the getter of config property {@code retries} returns a primitive {@code int} where the
 * spec wants {@code Integer}, which IronJacamar's archive validation reports as a warning (not an error). Deployed by
 * {@code ArchiveValidationIT} to show that fail-on-warn is in force.
 */
public class WarnOnlyManagedConnectionFactory implements ManagedConnectionFactory {

    private static final long serialVersionUID = 1L;

    private transient PrintWriter logWriter;
    private Integer retries = 1;

    public void setRetries(Integer retries) {
        this.retries = retries;
    }

    /** The flaw: {@code int}, not {@code Integer}. */
    public int getRetries() {
        return retries;
    }

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new WarnOnlyConnectionFactoryImpl();
    }

    @Override
    public Object createConnectionFactory() {
        return new WarnOnlyConnectionFactoryImpl();
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        throw new ResourceException("never used: this adapter only exists to be validated");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info) {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WarnOnlyManagedConnectionFactory
                && retries.equals(((WarnOnlyManagedConnectionFactory) other).retries);
    }

    @Override
    public int hashCode() {
        return retries.hashCode();
    }
}
