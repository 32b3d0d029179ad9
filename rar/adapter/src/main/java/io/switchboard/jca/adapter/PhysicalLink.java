package io.switchboard.jca.adapter;

import io.switchboard.client.ClientResources;
import io.switchboard.client.ClientTraffic;
import io.switchboard.client.ConnectionListener;
import io.switchboard.client.NotConnectedException;
import io.switchboard.client.ServerUrl;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.UnauthorizedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.CommException;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.SecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * One physical connection to a Switchboard server: one {@link SwitchboardClient} that never reconnects, used by one
 * managed connection (the dedicated layout) or several of the same identity ({@link SharedLinks}). The client is
 * thread-safe and multiplexes their requests.
 *
 * <p>It counts its users: {@link #retain()} adds one, {@link #release} removes one, and the last release closes the
 * client, so a shared client is never closed under another managed connection. It tells every user when the
 * connection is lost or the server announces SHUTDOWN; a user that joins after that hears it at once.
 */
final class PhysicalLink {

    private static final Logger LOG = Logger.getLogger(PhysicalLink.class.getName());

    /** The error code of a login the server refused. */
    static final String UNAUTHORIZED = "unauthorized";

    /** The first loss or shutdown announcement the client reported. */
    private record Loss(ServerUrl url, Throwable cause, long graceMs, boolean shutdown) {
        void tell(ConnectionListener user) {
            if (shutdown) {
                user.shutdownAnnounced(url, graceMs);
            } else {
                user.lost(url, cause);
            }
        }
    }

    private final OutboundStatistics statistics;
    private final Executor blockingWork;
    private final List<ConnectionListener> users = new CopyOnWriteArrayList<>();
    private volatile Loss loss;
    private volatile ServerUrl serverUrl;
    /** Users holding this link; guarded by {@code this}. */
    private int references = 1;
    /** Guarded by {@code this}; once true, no user may join. */
    private boolean closed;
    /** The client's traffic already added to the statistics; guarded by {@link #trafficLock}. */
    private ClientTraffic trafficCounted = ClientTraffic.NONE;

    private final Object trafficLock = new Object();
    private final SwitchboardClient client;

    private PhysicalLink(
            ConnectionSettings settings,
            Credentials credentials,
            ClientResources resources,
            long connectionNumber,
            OutboundStatistics statistics,
            Executor blockingWork) {
        this.statistics = statistics;
        this.blockingWork = blockingWork;
        // Last: the listener may hear of the connection from the I/O thread before connect() returns.
        this.client = SwitchboardClient.connect(
                settings.clientOptions(resources, credentials, new Watch(), connectionNumber));
        statistics.linkOpened(this);
    }

    /**
     * Connects, held by its first user. A server that cannot be reached within the connect timeout fails with a
     * {@link CommException}, one that refuses the credentials with a {@link SecurityException} whose error code is
     * {@link #UNAUTHORIZED}.
     */
    static PhysicalLink open(
            ConnectionSettings settings,
            Credentials credentials,
            ClientResources resources,
            long connectionNumber,
            OutboundStatistics statistics,
            Executor blockingWork)
            throws ResourceException {
        try {
            return new PhysicalLink(settings, credentials, resources, connectionNumber, statistics, blockingWork);
        } catch (NotConnectedException e) {
            UnauthorizedException refused = refusedCredentials(e);
            if (refused != null) {
                throw new SecurityException(
                        "refused by " + settings.serverUrls() + ": " + refused.getMessage(), UNAUTHORIZED);
            }
            CommException failure = new CommException("cannot connect to the Switchboard server: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        } catch (java.lang.IllegalStateException e) {
            throw new IllegalStateException("cannot open a Switchboard connection: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // A TLS file that is readable but not a certificate or key: the client says which.
            throw new ResourceException("cannot open a Switchboard connection: " + e.getMessage());
        }
    }

    /** The server's refusal of the credentials among {@code e}'s causes; null if none. */
    private static UnauthorizedException refusedCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnauthorizedException refused) {
                return refused;
            }
        }
        return null;
    }

    SwitchboardClient client() {
        return client;
    }

    ServerUrl serverUrl() {
        return serverUrl;
    }

    /** One more user; false if the link is closed already (its last user released it). */
    synchronized boolean retain() {
        if (closed) {
            return false;
        }
        references++;
        return true;
    }

    /** Users holding this link now. */
    synchronized int references() {
        return references;
    }

    /**
     * {@code user} hears this link's loss and shutdown announcement from now on (on the client's I/O thread); if
     * either happened already, it hears it now.
     */
    void listen(ConnectionListener user) {
        users.add(user);
        Loss happened = loss;
        if (happened != null) {
            happened.tell(user); // users tolerate hearing twice: the first report wins
        }
    }

    /**
     * One user is done: it hears nothing more, and the last one closes the client. Call it when that user has no
     * request in flight any more; from a client I/O thread the close runs on the adapter's own threads.
     */
    void release(ConnectionListener user) {
        users.remove(user);
        synchronized (this) {
            if (closed || --references > 0) {
                return;
            }
            closed = true;
        }
        try {
            closeClient();
        } catch (java.lang.IllegalStateException onIoThread) {
            blockingWork.execute(this::closeClient);
        }
    }

    private void closeClient() {
        client.close();
        statistics.linkClosed(this);
        LOG.fine(() -> "closed " + this);
    }

    /** Not lost, no shutdown announced, not closed, and the client's connection is open and not draining. */
    boolean isUsable() {
        synchronized (this) {
            if (closed) {
                return false;
            }
        }
        return loss == null && client.isConnected();
    }

    /**
     * Adds the client's bytes since the last settling to the statistics (or drops them while counting is off): when
     * the statistics are read and once the client is closed, so a closed link's bytes are all in. Exact and cheap
     * (two sums), and counted once per physical connection however many managed connections use it.
     */
    void settleTraffic() {
        ClientTraffic delta;
        synchronized (trafficLock) {
            ClientTraffic now = client.traffic();
            delta = now.since(trafficCounted);
            trafficCounted = now;
        }
        statistics.trafficDone(delta);
    }

    /** Hears the client's connection state, on the client's I/O thread, and passes losses on to every user. */
    private final class Watch implements ConnectionListener {
        @Override
        public void connected(ServerUrl url) {
            serverUrl = url;
        }

        @Override
        public void lost(ServerUrl url, Throwable cause) {
            happened(new Loss(url, cause, 0, false));
        }

        @Override
        public void shutdownAnnounced(ServerUrl url, long graceMs) {
            happened(new Loss(url, null, graceMs, true));
        }

        private void happened(Loss now) {
            if (loss == null) {
                loss = now;
            }
            for (ConnectionListener user : users) {
                now.tell(user);
            }
        }
    }

    @Override
    public String toString() {
        return "PhysicalLink@" + Integer.toHexString(System.identityHashCode(this)) + "["
                + (serverUrl == null ? "connecting" : serverUrl) + "]";
    }
}
