package io.switchboard.jca.adapter;

import io.netty.util.ResourceLeakDetector;
import io.switchboard.client.ClientResources;
import io.switchboard.jca.adapter.inbound.Activations;
import io.switchboard.protocol.transport.NettyDefaults;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.HintsContext;
import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * The resource adapter: owns what all connection definitions of the adapter share, the client's I/O threads
 * ({@link ClientResources}) and a few threads for work that must not run on them. Created by the container,
 * started once, stopped when the adapter is undeployed.
 *
 * <p>Inbound, each message-driven bean's activation publishes its session over a connection of its own, on I/O
 * threads of its own (so a busy inbound side never delays the outbound pool), see {@link Activations}.
 */
public class SwitchboardResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SwitchboardResourceAdapter.class.getName());
    static final int DEFAULT_IO_THREADS = 2;
    private static final String THREAD_PREFIX = "switchboard-jca";

    private Integer ioThreads = DEFAULT_IO_THREADS;
    /**
     * What connection definitions and activations fall back to for a shared property they do not set. Only
     * serverUrls is a config property of the adapter (its default in ra.xml as here); the others stay unset.
     */
    private final ConnectionProperties connection = adapterDefaults();

    // Guarded by this.
    private transient ClientResources clientResources;
    private transient BlockingWork blockingWork;
    private transient ClientResources inboundResources;
    private transient Activations activations;
    private transient boolean stopped;

    public Integer getIoThreads() {
        return ioThreads;
    }

    /** I/O threads shared by every pooled connection of this adapter (default 2). */
    public void setIoThreads(Integer ioThreads) {
        this.ioThreads = ioThreads;
    }

    public String getServerUrls() {
        return connection.getServerUrls();
    }

    /** The Switchboard server(s) message-driven beans publish on unless their activation names others. */
    public void setServerUrls(String serverUrls) {
        connection.setServerUrls(serverUrls);
    }

    public String getTlsTrustCertificates() {
        return connection.getTlsTrustCertificates();
    }

    /** Default for connection definitions and activations that set no TLS property of their own: PEM file of the CA certificates to trust on tls:// URLs. */
    public void setTlsTrustCertificates(String value) {
        connection.setTlsTrustCertificates(value);
    }

    public String getTlsTrustStore() {
        return connection.getTlsTrustStore();
    }

    /** Default for connection definitions and activations that set no TLS property of their own: trust store file (instead of tlsTrustCertificates). */
    public void setTlsTrustStore(String value) {
        connection.setTlsTrustStore(value);
    }

    public String getTlsTrustStorePassword() {
        return connection.getTlsTrustStorePassword();
    }

    /** Default for connection definitions and activations that set no TLS property of their own: password of tlsTrustStore. */
    public void setTlsTrustStorePassword(String value) {
        connection.setTlsTrustStorePassword(value);
    }

    public String getTlsTrustStoreType() {
        return connection.getTlsTrustStoreType();
    }

    /** Default for connection definitions and activations that set no TLS property of their own: type of tlsTrustStore: PKCS12 (default) or JKS. */
    public void setTlsTrustStoreType(String value) {
        connection.setTlsTrustStoreType(value);
    }

    public String getTlsKeyStore() {
        return connection.getTlsKeyStore();
    }

    /** Default for connection definitions and activations that set no TLS property of their own: key store holding the client certificate, for servers requiring one. */
    public void setTlsKeyStore(String value) {
        connection.setTlsKeyStore(value);
    }

    public String getTlsKeyStorePassword() {
        return connection.getTlsKeyStorePassword();
    }

    /** Default for connection definitions and activations that set no TLS property of their own: password of tlsKeyStore and its key. */
    public void setTlsKeyStorePassword(String value) {
        connection.setTlsKeyStorePassword(value);
    }

    public String getTlsKeyStoreType() {
        return connection.getTlsKeyStoreType();
    }

    /** Default for connection definitions and activations that set no TLS property of their own: type of tlsKeyStore: PKCS12 (default) or JKS. */
    public void setTlsKeyStoreType(String value) {
        connection.setTlsKeyStoreType(value);
    }

    public Boolean getTlsHostnameVerification() {
        return connection.getTlsHostnameVerification();
    }

    /** Default for connection definitions and activations that set no TLS property of their own: whether the server certificate must name the host dialled (default true). */
    public void setTlsHostnameVerification(Boolean value) {
        connection.setTlsHostnameVerification(value);
    }

    /** The adapter's shared connection properties, the fallback of its connection definitions. */
    ConnectionProperties connectionProperties() {
        return connection;
    }

    private static ConnectionProperties adapterDefaults() {
        ConnectionProperties defaults = new ConnectionProperties();
        defaults.setServerUrls(ConnectionSettings.DEFAULT_SERVER_URLS);
        return defaults;
    }

    /**
     * Starts the shared threads. IronJacamar may already ask for connections before calling this (the pool's
     * prefill races the adapter's start), so the threads also start on first demand; see {@link #clientResources}.
     */
    @Override
    public synchronized void start(BootstrapContext context) throws ResourceAdapterInternalException {
        stopped = false;
        startThreads();
        // Without a bootstrap context (a plain unit test of the outbound side) there is no work manager: no inbound.
        activations = context == null
                ? null
                : new Activations(context.getWorkManager(), context.isContextSupported(HintsContext.class));
    }

    private synchronized void startThreads() throws ResourceAdapterInternalException {
        if (clientResources != null) {
            return;
        }
        int threads = ioThreads == null ? DEFAULT_IO_THREADS : ioThreads;
        if (threads < 1 || threads > 64) {
            throw new ResourceAdapterInternalException("ioThreads must be between 1 and 64, not " + ioThreads);
        }
        // The archive's Netty is relocated, so it is the adapter's own: its leak detector off, as the server's, unless
        // -Dio.switchboard.jca.shaded.netty.leakDetection.level is given (in the .rar, the relocation renames it).
        ResourceLeakDetector.Level leakDetection = NettyDefaults.apply(System.getProperties());
        clientResources = ClientResources.create(threads, THREAD_PREFIX);
        blockingWork = new BlockingWork(THREAD_PREFIX + "-events");
        LOG.fine(() -> "started with " + threads + " I/O threads, Netty leak detection " + leakDetection);
    }

    @Override
    public void stop() {
        BlockingWork work;
        ClientResources resources;
        ClientResources inbound;
        Activations endpoints;
        synchronized (this) {
            stopped = true;
            work = blockingWork;
            resources = clientResources;
            inbound = inboundResources;
            endpoints = activations;
            blockingWork = null;
            clientResources = null;
            inboundResources = null;
            activations = null;
        }
        if (endpoints != null) {
            endpoints.stopAll(); // before the threads their connections run on go away
        }
        if (inbound != null) {
            inbound.close();
        }
        if (work != null) {
            work.shutdown();
        }
        if (resources != null) {
            resources.close();
        }
        LOG.fine("stopped");
    }

    /** Whether {@link #stop()} ran on this instance (the container has a new one by then). */
    public synchronized boolean isStopped() {
        return stopped;
    }

    /** The shared client threads, started now if the container asks before {@link #start}; fails once stopped. */
    synchronized ClientResources clientResources() throws ResourceException {
        if (stopped) {
            throw new ResourceAdapterInternalException("the Switchboard resource adapter is stopped");
        }
        startThreads();
        return clientResources;
    }

    /** Where connection events are fired and clients closed: never a client I/O thread. */
    synchronized Executor blockingWork() throws ResourceException {
        clientResources();
        return blockingWork;
    }

    /** Checks the bean and its activation properties, then publishes in the background; returns at once. */
    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        Activations endpoints;
        ClientResources inbound;
        synchronized (this) {
            if (stopped) {
                // WildFly 39 does this on a reload after an MDB deployment failed (it retries the refused bean on the
                // adapter instance from before the reload), and treats an exception as a failed boot and exits. The
                // bean is not deployed anyway; refusing quietly keeps the server up.
                LOG.warning(() -> "not activating " + describe(endpointFactory) + ": this resource adapter instance"
                        + " is stopped (the container activates beans on the adapter's current instance)");
                return;
            }
            if (activations == null) {
                throw new ResourceAdapterInternalException("the Switchboard resource adapter is not started");
            }
            if (inboundResources == null) {
                int threads = ioThreads == null ? DEFAULT_IO_THREADS : ioThreads;
                inboundResources = ClientResources.create(threads, THREAD_PREFIX + "-inbound");
            }
            endpoints = activations;
            inbound = inboundResources;
        }
        endpoints.activate(endpointFactory, spec, connection, inbound);
    }

    private static String describe(MessageEndpointFactory factory) {
        try {
            return factory == null || factory.getEndpointClass() == null
                    ? String.valueOf(factory)
                    : factory.getEndpointClass().getName();
        } catch (RuntimeException e) {
            return String.valueOf(factory);
        }
    }

    /** Rescinds the session, drains the calls in progress and closes, bounded by the drain timeout. */
    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        Activations endpoints;
        synchronized (this) {
            endpoints = activations;
        }
        if (endpoints != null) {
            endpoints.deactivate(endpointFactory, spec);
        }
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return null; // no transactions (NoTransaction)
    }

    /** Equal when configured alike, as the Connectors specification asks of the adapter JavaBean. */
    @Override
    public boolean equals(Object o) {
        return o != null
                && o.getClass() == getClass()
                && Objects.equals(ioThreads, ((SwitchboardResourceAdapter) o).ioThreads)
                && connection.equals(((SwitchboardResourceAdapter) o).connection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass().getName(), ioThreads, connection);
    }
}
