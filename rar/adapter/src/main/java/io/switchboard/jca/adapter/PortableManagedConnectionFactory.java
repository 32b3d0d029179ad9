package io.switchboard.jca.adapter;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import javax.security.auth.Subject;

/**
 * One connection definition: its config properties (JavaBean setters the container calls from {@code ra.xml}
 * defaults and the management model), and the factory of its physical connections. The container keeps one
 * pool per instance and tells instances apart with {@link #equals}, which compares every config property.
 *
 * <p>It needs nothing of any container. {@code ra.xml} names its subclass {@link SwitchboardManagedConnectionFactory},
 * which adds IronJacamar's statistics for WildFly; keeping them there confines IronJacamar to two classes
 * (ArchitectureTest), whose SPI the archive carries as a copy for containers without it.
 */
public class PortableManagedConnectionFactory
        implements ManagedConnectionFactory, ValidatingManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PortableManagedConnectionFactory.class.getName());

    /** The properties shared with the resource adapter and activations; ra.xml's defaults, set here too. */
    private final ConnectionProperties connection = ConnectionSettings.defaults();

    private Long callTimeoutMillis = ConnectionSettings.DEFAULT_CALL_TIMEOUT_MILLIS;
    private Integer pingTimeout = ConnectionSettings.DEFAULT_PING_TIMEOUT;
    private Long validationTimeoutMillis = ConnectionSettings.DEFAULT_VALIDATION_TIMEOUT_MILLIS;
    private String serverUrlOrder = ConnectionSettings.IN_ORDER;
    private Integer maxDeferredCalls = ConnectionSettings.DEFAULT_MAX_DEFERRED_CALLS;
    private Integer sharedConnections = ConnectionSettings.DEFAULT_SHARED_CONNECTIONS;

    /** Physical connections opened so far: where the next starts in serverUrls with round-robin. */
    private final transient java.util.concurrent.atomic.AtomicLong opened =
            new java.util.concurrent.atomic.AtomicLong();

    /** Validated form of the properties above; dropped by every setter. */
    private transient volatile ConnectionSettings settings;

    private transient volatile SwitchboardResourceAdapter resourceAdapter;
    /** The physical connections managed connections share; made on first use. */
    private transient volatile SharedLinks sharedLinks;

    /** Refused logins back off here; made on first use (deserialised instances have none). */
    private transient volatile SignOnBackoff signOnBackoff;

    /** What this definition's connections did; made on first use (deserialised instances have none). */
    private transient volatile OutboundStatistics statistics;

    private transient PrintWriter logWriter;

    // ---- config properties (descriptions in ra.xml) ----

    public String getServerUrls() {
        return connection.getServerUrls();
    }

    public void setServerUrls(String serverUrls) {
        connection.setServerUrls(serverUrls);
        settings = null;
    }

    public String getClientName() {
        return connection.getClientName();
    }

    public void setClientName(String clientName) {
        connection.setClientName(clientName);
        settings = null;
    }

    public Long getCallTimeoutMillis() {
        return callTimeoutMillis;
    }

    public void setCallTimeoutMillis(Long callTimeoutMillis) {
        this.callTimeoutMillis = callTimeoutMillis;
        settings = null;
    }

    public Long getConnectTimeoutMillis() {
        return connection.getConnectTimeoutMillis();
    }

    public void setConnectTimeoutMillis(Long connectTimeoutMillis) {
        connection.setConnectTimeoutMillis(connectTimeoutMillis);
        settings = null;
    }

    public String getCodec() {
        return connection.getCodec();
    }

    public void setCodec(String codec) {
        connection.setCodec(codec);
        settings = null;
    }

    public Integer getPingTimeout() {
        return pingTimeout;
    }

    public void setPingTimeout(Integer pingTimeout) {
        this.pingTimeout = pingTimeout;
        settings = null;
    }

    public Long getValidationTimeoutMillis() {
        return validationTimeoutMillis;
    }

    public void setValidationTimeoutMillis(Long validationTimeoutMillis) {
        this.validationTimeoutMillis = validationTimeoutMillis;
        settings = null;
    }

    /**
     * At most this many calls one transaction holds until it commits (front-door sends in an XA branch, submits and
     * sends in on-commit mode); one more is refused at the call.
     */
    public Integer getMaxDeferredCalls() {
        return maxDeferredCalls;
    }

    public void setMaxDeferredCalls(Integer maxDeferredCalls) {
        this.maxDeferredCalls = maxDeferredCalls;
        settings = null;
    }

    /**
     * How many physical connections the managed connections of one identity share: 0 gives every managed connection
     * its own (the pool's size is then the number of physical connections); n &gt; 0 lets all of them share at most n
     * multiplexed ones.
     */
    public Integer getSharedConnections() {
        return sharedConnections;
    }

    public void setSharedConnections(Integer sharedConnections) {
        this.sharedConnections = sharedConnections;
        settings = null;
    }

    /**
     * {@code in-order} (default): every connection tries serverUrls from the first; {@code round-robin}: each new
     * connection starts one URL further, spreading the pool over a cluster's nodes.
     */
    public String getServerUrlOrder() {
        return serverUrlOrder;
    }

    public void setServerUrlOrder(String serverUrlOrder) {
        this.serverUrlOrder = serverUrlOrder;
        settings = null;
    }

    /** Counts a physical connection about to be opened; returns how many were opened before it. */
    long nextConnectionNumber() {
        return opened == null ? 0 : opened.getAndIncrement();
    }

    public String getUserName() {
        return connection.getUserName();
    }

    public void setUserName(String userName) {
        connection.setUserName(userName);
        settings = null;
    }

    public String getPassword() {
        return connection.getPassword();
    }

    public void setPassword(String password) {
        connection.setPassword(password);
        settings = null;
    }

    public String getTlsTrustCertificates() {
        return connection.getTlsTrustCertificates();
    }

    public void setTlsTrustCertificates(String value) {
        connection.setTlsTrustCertificates(value);
        settings = null;
    }

    public String getTlsTrustStore() {
        return connection.getTlsTrustStore();
    }

    public void setTlsTrustStore(String value) {
        connection.setTlsTrustStore(value);
        settings = null;
    }

    public String getTlsTrustStorePassword() {
        return connection.getTlsTrustStorePassword();
    }

    public void setTlsTrustStorePassword(String value) {
        connection.setTlsTrustStorePassword(value);
        settings = null;
    }

    public String getTlsTrustStoreType() {
        return connection.getTlsTrustStoreType();
    }

    public void setTlsTrustStoreType(String value) {
        connection.setTlsTrustStoreType(value);
        settings = null;
    }

    public String getTlsKeyStore() {
        return connection.getTlsKeyStore();
    }

    public void setTlsKeyStore(String value) {
        connection.setTlsKeyStore(value);
        settings = null;
    }

    public String getTlsKeyStorePassword() {
        return connection.getTlsKeyStorePassword();
    }

    public void setTlsKeyStorePassword(String value) {
        connection.setTlsKeyStorePassword(value);
        settings = null;
    }

    public String getTlsKeyStoreType() {
        return connection.getTlsKeyStoreType();
    }

    public void setTlsKeyStoreType(String value) {
        connection.setTlsKeyStoreType(value);
        settings = null;
    }

    public Boolean getTlsHostnameVerification() {
        return connection.getTlsHostnameVerification();
    }

    public void setTlsHostnameVerification(Boolean value) {
        connection.setTlsHostnameVerification(value);
        settings = null;
    }

    // ---- ManagedConnectionFactory ----

    /** Validates the configuration here, so a bad property fails the deployment naming the property. */
    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) throws ResourceException {
        settings();
        return new SwitchboardConnectionFactoryImpl(this, connectionManager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new NotSupportedException("the Switchboard resource adapter runs only in an application server "
                + "(no non-managed connection factory)");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        ConnectionSettings settings = settings();
        Credentials credentials = Credentials.resolve(this, subject, info, settings.defaultCredentials());
        SwitchboardResourceAdapter adapter = adapter();
        SignOnBackoff backoff = signOnBackoff();
        backoff.check(credentials);
        try {
            int sharing = settings.sharedConnections();
            PhysicalLink link = sharing == 0
                    ? openLink(settings, credentials, adapter)
                    : sharedLinks()
                            .acquire(credentials, settings, sharing, () -> openLink(settings, credentials, adapter));
            backoff.succeeded(credentials);
            return new SwitchboardManagedConnection(
                    this, settings, credentials, link, sharing > 0, adapter.blockingWork());
        } catch (jakarta.resource.spi.SecurityException e) {
            if (PhysicalLink.UNAUTHORIZED.equals(e.getErrorCode())) {
                throw backoff.refused(credentials, e.getMessage());
            }
            throw e;
        }
    }

    /** A physical connection for one managed connection alone (one that does XA). */
    PhysicalLink openDedicatedLink(Credentials credentials) throws ResourceException {
        return openLink(settings(), credentials, adapter());
    }

    private PhysicalLink openLink(
            ConnectionSettings settings, Credentials credentials, SwitchboardResourceAdapter adapter)
            throws ResourceException {
        return PhysicalLink.open(
                settings,
                credentials,
                adapter.clientResources(),
                nextConnectionNumber(),
                statistics(),
                adapter.blockingWork());
    }

    /** The physical connections shared by this definition's managed connections. */
    SharedLinks sharedLinks() {
        SharedLinks current = sharedLinks;
        if (current == null) {
            synchronized (this) {
                current = sharedLinks;
                if (current == null) {
                    current = new SharedLinks();
                    sharedLinks = current;
                }
            }
        }
        return current;
    }

    private SignOnBackoff signOnBackoff() {
        SignOnBackoff backoff = signOnBackoff;
        if (backoff == null) {
            synchronized (this) {
                backoff = signOnBackoff;
                if (backoff == null) {
                    backoff = new SignOnBackoff();
                    signOnBackoff = backoff;
                }
            }
        }
        return backoff;
    }

    /** The counters of this connection definition's connections. */
    public OutboundStatistics statistics() {
        OutboundStatistics current = statistics;
        if (current == null) {
            synchronized (this) {
                current = statistics;
                if (current == null) {
                    current = new OutboundStatistics();
                    statistics = current;
                }
            }
        }
        return current;
    }

    /** For tests: a shorter sign-on backoff. */
    void signOnBackoff(SignOnBackoff backoff) {
        this.signOnBackoff = backoff;
    }

    /** The first usable connection of this factory authenticated as the request asks; null if none. */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        Credentials wanted = Credentials.resolve(this, subject, info, settings().defaultCredentials());
        for (Object candidate : connections) {
            if (candidate instanceof SwitchboardManagedConnection mc
                    && mc.factory().equals(this)
                    && mc.credentials().equals(wanted)
                    && mc.isUsable()) {
                return mc;
            }
        }
        LOG.finer(() -> "no match among " + connections.size() + " connection(s) for " + wanted);
        return null;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Set getInvalidConnections(Set connections) throws ResourceException {
        return ConnectionValidator.invalidAmong((Set<Object>) connections, settings());
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    // ---- ResourceAdapterAssociation ----

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) throws ResourceException {
        if (!(adapter instanceof SwitchboardResourceAdapter switchboard)) {
            throw new ResourceException(
                    "the Switchboard connection factory needs the Switchboard resource " + "adapter, not "
                            + (adapter == null ? "none" : adapter.getClass().getName()));
        }
        this.resourceAdapter = switchboard;
        settings = null; // properties this factory does not set come from the adapter
    }

    /** The validated configuration; a bad property fails with an exception naming it. */
    ConnectionSettings settings() throws ResourceException {
        ConnectionSettings current = settings;
        if (current == null) {
            SwitchboardResourceAdapter adapter = resourceAdapter;
            current = ConnectionSettings.of(
                    this, connection.orElse(adapter == null ? null : adapter.connectionProperties()));
            settings = current;
        }
        return current;
    }

    private SwitchboardResourceAdapter adapter() throws ResourceException {
        SwitchboardResourceAdapter adapter = resourceAdapter;
        if (adapter == null) {
            throw new ResourceException(
                    "this Switchboard connection factory is not associated with a resource " + "adapter");
        }
        return adapter;
    }

    // ---- identity: every config property, nothing else ----

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        PortableManagedConnectionFactory other = (PortableManagedConnectionFactory) o;
        return connection.equals(other.connection)
                && Objects.equals(callTimeoutMillis, other.callTimeoutMillis)
                && Objects.equals(pingTimeout, other.pingTimeout)
                && Objects.equals(validationTimeoutMillis, other.validationTimeoutMillis)
                && Objects.equals(serverUrlOrder, other.serverUrlOrder)
                && Objects.equals(maxDeferredCalls, other.maxDeferredCalls)
                && Objects.equals(sharedConnections, other.sharedConnections);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                connection,
                callTimeoutMillis,
                pingTimeout,
                validationTimeoutMillis,
                serverUrlOrder,
                maxDeferredCalls,
                sharedConnections);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + connection + ", pingTimeout=" + pingTimeout + "]";
    }
}
