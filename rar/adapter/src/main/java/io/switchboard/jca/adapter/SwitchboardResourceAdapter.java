package io.switchboard.jca.adapter;

import io.switchboard.client.ClientResources;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
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
 * <p>Inbound (message endpoints) comes in a later release; {@link #endpointActivation} refuses for now.
 */
public class SwitchboardResourceAdapter implements ResourceAdapter, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SwitchboardResourceAdapter.class.getName());
    static final int DEFAULT_IO_THREADS = 2;
    private static final String THREAD_PREFIX = "switchboard-jca";

    private Integer ioThreads = DEFAULT_IO_THREADS;

    private transient volatile ClientResources clientResources;
    private transient volatile BlockingWork blockingWork;

    public Integer getIoThreads() {
        return ioThreads;
    }

    /** I/O threads shared by every pooled connection of this adapter (default 2). */
    public void setIoThreads(Integer ioThreads) {
        this.ioThreads = ioThreads;
    }

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        int threads = ioThreads == null ? DEFAULT_IO_THREADS : ioThreads;
        if (threads < 1 || threads > 64) {
            throw new ResourceAdapterInternalException("ioThreads must be between 1 and 64, not " + ioThreads);
        }
        clientResources = ClientResources.create(threads, THREAD_PREFIX);
        blockingWork = new BlockingWork(THREAD_PREFIX + "-events");
        LOG.fine(() -> "started with " + threads + " I/O threads");
    }

    @Override
    public void stop() {
        BlockingWork work = blockingWork;
        ClientResources resources = clientResources;
        blockingWork = null;
        clientResources = null;
        if (work != null) {
            work.shutdown();
        }
        if (resources != null) {
            resources.close();
        }
        LOG.fine("stopped");
    }

    /** The shared client threads; fails when the adapter is not started. */
    ClientResources clientResources() throws ResourceException {
        ClientResources resources = clientResources;
        if (resources == null || resources.isClosed()) {
            throw new ResourceAdapterInternalException("the Switchboard resource adapter is not started");
        }
        return resources;
    }

    /** Where connection events are fired and clients closed: never a client I/O thread. */
    Executor blockingWork() throws ResourceException {
        BlockingWork work = blockingWork;
        if (work == null) {
            throw new ResourceAdapterInternalException("the Switchboard resource adapter is not started");
        }
        return work;
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        throw new NotSupportedException("the Switchboard resource adapter has no inbound (message endpoint) "
                + "support yet");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        // Nothing can have been activated.
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return null; // no transactions (NoTransaction)
    }

    /** Equal when configured alike, as the Connectors specification asks of the adapter JavaBean. */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass()
                && Objects.equals(ioThreads, ((SwitchboardResourceAdapter) o).ioThreads);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass().getName(), ioThreads);
    }
}
