package io.switchboard.jca.adapter;

import io.switchboard.client.CallOptions;
import io.switchboard.client.ConnectionListener;
import io.switchboard.client.ServerUrl;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.XaBranches;
import io.switchboard.jca.adapter.tx.BranchConnection;
import io.switchboard.jca.adapter.tx.DeferredCall;
import io.switchboard.jca.adapter.tx.DeferredCalls;
import io.switchboard.jca.adapter.tx.DeferredTicket;
import io.switchboard.jca.adapter.tx.OnCommitTransaction;
import io.switchboard.jca.adapter.tx.OutboundXaResource;
import io.switchboard.jca.api.ConnectionFailedException;
import io.switchboard.jca.api.ServerShuttingDownException;
import io.switchboard.jca.api.SwitchboardException;
import io.switchboard.jca.api.Ticket;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.CommException;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.SecurityException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * What the pool pools: one managed connection on a {@link PhysicalLink} (one {@link
 * io.switchboard.client.SwitchboardClient} that never reconnects), its own or shared with other managed connections
 * of the same identity ({@code sharedConnections}, {@link SharedLinks}). Once that physical connection is lost, or
 * the server announces SHUTDOWN, it tells the container ({@code CONNECTION_ERROR_OCCURRED}, this object as source),
 * as does every other managed connection on it, so the pool evicts them and opens fresh ones.
 *
 * <p>Applications hold cheap handles ({@link SwitchboardConnectionImpl}); every request of a handle goes through
 * {@link #call}/{@link #callAsync}, which count requests in flight so that {@link #destroy()} never closes the
 * client under a running request: the close then waits for the last one to finish.
 *
 * <p>Transactions (docs/transactions.md): while its {@link #getXAResource() XAResource} has a branch associated, a
 * handle's submits go into that branch and its front-door sends wait for the commit; while its
 * {@link #getLocalTransaction() LocalTransaction} is active, both wait for the commit (on-commit mode).
 */
public class SwitchboardManagedConnection implements ManagedConnection {

    private static final Logger LOG = Logger.getLogger(SwitchboardManagedConnection.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    /** Why this connection takes no more requests; recorded once. */
    private record Failure(String message, boolean serverShuttingDown) {
        SwitchboardException toException() {
            return serverShuttingDown
                    ? new ServerShuttingDownException(message)
                    : new ConnectionFailedException(message);
        }
    }

    private final long id = IDS.incrementAndGet();
    private final PortableManagedConnectionFactory factory;
    private final OutboundStatistics statistics;
    private final Credentials credentials;
    private final Executor blockingWork;
    private final ConnectionEvents events = new ConnectionEvents(this);
    private final Set<SwitchboardConnectionImpl> handles = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Failure> failure = new AtomicReference<>();
    private final AtomicBoolean destroyed = new AtomicBoolean();
    private final AtomicBoolean clientClosed = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile PrintWriter logWriter;
    private final Watch watch = new Watch();
    /** The physical connection; replaced by a dedicated one when a shared connection is asked for XA. */
    private volatile PhysicalLink link;
    /** Whether {@link #link} may carry other managed connections' requests. */
    private boolean shared;

    /** At most this many calls one transaction holds until its commit. */
    private final int maxDeferredCalls;
    /** How long a validation ping waits, unless the asker says. */
    private final Duration validationTimeout;
    /** Made on first use; the container asks once per connection it enlists or recovers with. */
    private OutboundXaResource xaResource;

    private OnCommitTransaction localTransaction;

    /**
     * A managed connection on {@code link}, which was retained for it (opened for it alone, or shared with others of
     * the same identity); {@link #destroy()} releases it.
     */
    SwitchboardManagedConnection(
            PortableManagedConnectionFactory factory,
            ConnectionSettings settings,
            Credentials credentials,
            PhysicalLink link,
            boolean shared,
            Executor blockingWork) {
        this.factory = factory;
        this.statistics = factory.statistics();
        this.credentials = credentials;
        this.blockingWork = blockingWork;
        this.maxDeferredCalls = settings.maxDeferredCalls();
        this.validationTimeout = settings.validationTimeout();
        this.link = link;
        this.shared = shared;
        link.listen(watch);
        LOG.fine(() -> "opened " + this + " as " + credentials + (shared ? " on shared " : " on ") + link);
    }

    // ---- what handles use ----

    /** Runs one blocking request on the client; failures come out as the API's exceptions. */
    <T> T call(Function<SwitchboardClient, T> request) {
        enter();
        long start = System.nanoTime();
        try {
            T result = request.apply(link.client());
            lastActivityNanos = System.nanoTime();
            statistics.requestDone(lastActivityNanos - start, null);
            return result;
        } catch (RuntimeException e) {
            RuntimeException mapped = failed(e, false);
            statistics.requestDone(System.nanoTime() - start, mapped);
            throw mapped;
        } finally {
            leave();
        }
    }

    /** Starts one request; the future fails with the API's exceptions. It completes on a client I/O thread. */
    <T> CompletableFuture<T> callAsync(Function<SwitchboardClient, CompletableFuture<T>> request) {
        enter();
        long start = System.nanoTime();
        CompletableFuture<T> started;
        try {
            started = request.apply(link.client());
        } catch (RuntimeException e) {
            leave();
            RuntimeException mapped = failed(e, false);
            statistics.requestDone(System.nanoTime() - start, mapped);
            throw mapped;
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        started.whenComplete((value, error) -> {
            leave();
            if (error == null) {
                lastActivityNanos = System.nanoTime();
                statistics.requestDone(lastActivityNanos - start, null);
                result.complete(value);
            } else {
                RuntimeException mapped = failed(error, true);
                statistics.requestDone(System.nanoTime() - start, mapped);
                result.completeExceptionally(mapped);
            }
        });
        return result;
    }

    // ---- what handles use, as the transaction (if any) says ----

    /**
     * Submits an async call; {@code options} null takes the connection definition's call timeout. In an XA branch
     * the call goes into the branch (run only after its commit); in a local transaction it waits for the commit
     * (on-commit mode); otherwise it is sent at once.
     */
    Ticket submit(String alias, String method, Object payload, CallOptions options) {
        OutboundXaResource xa = xaResourceIfMade();
        io.switchboard.protocol.message.Xid branch = xa == null ? null : xa.associatedBranch();
        if (branch != null) {
            xa.callSubmitted(branch); // before sending: if the answer is lost, prepare must still ask the server
            return call(client -> new SubmittedTicket(
                    options == null
                            ? client.xa().submit(branch, alias, method, payload)
                            : client.xa().submit(branch, alias, method, payload, options)));
        }
        DeferredCalls onCommit = localTransactionBuffer();
        if (onCommit != null) {
            String what = "submit " + alias + "." + method;
            DeferredTicket ticket = new DeferredTicket(alias + "." + method);
            onCommit.add(new DeferredCall(
                    what,
                    true,
                    () -> {
                        try {
                            ticket.sentAs(submitNow(alias, method, payload, options));
                        } catch (RuntimeException e) {
                            ticket.refused(e);
                            throw e;
                        }
                    },
                    ticket::dropped));
            return ticket;
        }
        return submitNow(alias, method, payload, options);
    }

    private Ticket submitNow(String alias, String method, Object payload, CallOptions options) {
        return call(client -> new SubmittedTicket(
                options == null
                        ? client.tickets().submit(alias, method, payload)
                        : client.tickets().submit(alias, method, payload, options)));
    }

    /**
     * A front-door send: inside a transaction (XA branch or local) held until the commit, dropped on rollback, and
     * then {@code answerWhenHeld} is returned at once; otherwise sent now.
     */
    <T> T frontDoor(String what, Function<SwitchboardClient, T> send, T answerWhenHeld) {
        DeferredCalls held = transactionBuffer();
        if (held == null) {
            return call(send);
        }
        held.add(new DeferredCall(what, false, () -> call(send), () -> {}));
        return answerWhenHeld;
    }

    /**
     * As {@link #frontDoor} without waiting. Held in a transaction, the future completes when the send is done
     * after the commit, and is cancelled when the transaction rolls back.
     */
    CompletableFuture<Void> frontDoorAsync(String what, Function<SwitchboardClient, CompletableFuture<Void>> send) {
        DeferredCalls held = transactionBuffer();
        if (held == null) {
            return callAsync(send);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        held.add(new DeferredCall(
                what,
                false,
                () -> {
                    try {
                        callAsync(send).whenComplete((ok, error) -> {
                            if (error == null) {
                                done.complete(ok);
                            } else {
                                done.completeExceptionally(error);
                            }
                        });
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                        throw e;
                    }
                },
                () -> done.cancel(false)));
        return done;
    }

    /** Where calls made now wait for a commit: the associated XA branch's or the local transaction's; else null. */
    private DeferredCalls transactionBuffer() {
        OutboundXaResource xa = xaResourceIfMade();
        io.switchboard.protocol.message.Xid branch = xa == null ? null : xa.associatedBranch();
        return branch != null ? xa.deferredCallsOf(branch) : localTransactionBuffer();
    }

    private synchronized OutboundXaResource xaResourceIfMade() {
        return xaResource;
    }

    private synchronized DeferredCalls localTransactionBuffer() {
        return localTransaction == null ? null : localTransaction.buffer();
    }

    /** The XA verbs of this connection's client, for its XAResource. */
    private final class XaVerbs implements BranchConnection {
        @Override
        public <T> T xa(Function<XaBranches, T> verb) {
            enter();
            try {
                T result = verb.apply(link.client().xa());
                lastActivityNanos = System.nanoTime();
                return result;
            } catch (RuntimeException e) {
                failed(e, false); // reports a lost connection to the container
                throw e;
            } finally {
                leave();
            }
        }

        @Override
        public String toString() {
            return SwitchboardManagedConnection.this.toString();
        }
    }

    Duration validationTimeout() {
        return validationTimeout;
    }

    /** A validation ping: true if the server answered within {@code timeout}. */
    boolean ping(Duration timeout) {
        if (!isUsable()) {
            return false;
        }
        inFlight.incrementAndGet();
        try {
            link.client().ping(timeout);
            lastActivityNanos = System.nanoTime();
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "validation ping of " + this + " failed", e);
            return false;
        } finally {
            leave();
        }
    }

    private void enter() {
        inFlight.incrementAndGet();
        Failure why = failure.get();
        if (destroyed.get() || why != null) {
            leave();
            throw why != null
                    ? why.toException()
                    : new ConnectionFailedException("this pooled Switchboard connection was destroyed");
        }
    }

    private void leave() {
        if (inFlight.decrementAndGet() == 0 && destroyed.get()) {
            blockingWork.execute(this::closeClient); // maybe on an I/O thread: close elsewhere
        }
    }

    /** Maps a request's failure; a lost connection is also reported to the container. */
    private RuntimeException failed(Throwable error, boolean onIoThread) {
        if (ExceptionMapper.isConnectionFailure(error)) {
            connectionFailed(
                    new Failure(
                            "the connection to the Switchboard server " + link.serverUrl() + " is lost: "
                                    + error.getMessage(),
                            false),
                    error,
                    onIoThread);
        }
        if (ExceptionMapper.isCallOutcome(error)) {
            LOG.fine(() -> "request on " + this + ": " + error.getMessage()); // an answer, not a fault: no trace
        } else {
            LOG.log(Level.FINE, "request on " + this + " failed", error);
        }
        return ExceptionMapper.map(error);
    }

    /**
     * Records why this connection is unusable and, the first time only, fires CONNECTION_ERROR_OCCURRED. From a
     * client I/O thread the event goes to the adapter's own threads: the container's listener destroys the
     * connection, which closes a client, which must not happen on (and must not stall) a shared I/O thread.
     */
    private void connectionFailed(Failure why, Throwable cause, boolean onIoThread) {
        if (!failure.compareAndSet(null, why) || destroyed.get()) {
            return;
        }
        LOG.fine(() -> this + " is unusable: " + why.message());
        statistics.connectionErrorFired();
        CommException event = new CommException(why.message());
        if (cause != null) {
            event.initCause(cause);
        }
        if (onIoThread) {
            blockingWork.execute(() -> events.errorOccurred(event));
        } else {
            events.errorOccurred(event);
        }
    }

    /** Hears the client's connection state, on the client's I/O thread. */
    private final class Watch implements ConnectionListener {
        @Override
        public void lost(ServerUrl url, Throwable cause) {
            connectionFailed(
                    new Failure(
                            "the connection to the Switchboard server " + url + " was lost"
                                    + (cause == null ? "" : ": " + cause.getMessage()),
                            false),
                    cause,
                    true);
        }

        @Override
        public void shutdownAnnounced(ServerUrl url, long graceMs) {
            connectionFailed(
                    new Failure(
                            "the Switchboard server " + url + " is shutting down (grace " + graceMs
                                    + " ms); this pooled connection takes no new requests",
                            true),
                    null,
                    true);
        }
    }

    // ---- what the pool and the factory ask ----

    PortableManagedConnectionFactory factory() {
        return factory;
    }

    OutboundStatistics statistics() {
        return statistics;
    }

    Credentials credentials() {
        return credentials;
    }

    /** Not destroyed, not known to be lost, and the client's connection is open and not draining. */
    boolean isUsable() {
        return !destroyed.get() && failure.get() == null && link.isUsable();
    }

    String whyUnusable() {
        Failure why = failure.get();
        if (destroyed.get()) {
            return "destroyed";
        }
        return why != null ? why.message() : link.isUsable() ? "usable" : "not connected";
    }

    /** Time since the server last answered on this connection. */
    Duration idleTime() {
        return Duration.ofNanos(System.nanoTime() - lastActivityNanos);
    }

    /** Handles currently associated with this connection. */
    int handleCount() {
        return handles.size();
    }

    // ---- ManagedConnection ----

    /**
     * A new handle. The pool matched this connection to the request's credentials already; re-authenticating a
     * physical connection is not supported.
     */
    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        if (destroyed.get()) {
            throw new IllegalStateException("this Switchboard managed connection is destroyed");
        }
        Credentials wanted =
                Credentials.resolve(factory, subject, info, factory.settings().defaultCredentials());
        if (!wanted.equals(credentials)) {
            throw new SecurityException("re-authentication is not supported: this connection is authenticated as "
                    + credentials + ", the request asks for " + wanted);
        }
        SwitchboardConnectionImpl handle = new SwitchboardConnectionImpl(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (destroyed.get()) {
            throw new IllegalStateException("this Switchboard managed connection is destroyed");
        }
        if (!(connection instanceof SwitchboardConnectionImpl handle)) {
            throw new ResourceException("not a Switchboard connection handle: "
                    + (connection == null ? "null" : connection.getClass().getName()));
        }
        handle.associateWith(this);
    }

    void attach(SwitchboardConnectionImpl handle) {
        handles.add(handle);
    }

    void detach(SwitchboardConnectionImpl handle) {
        handles.remove(handle);
    }

    /** The application closed {@code handle}. */
    void handleClosed(SwitchboardConnectionImpl handle) {
        if (handles.remove(handle)) {
            events.handleClosed(handle);
        }
    }

    /** Before the connection goes back to the pool: every handle still open becomes unusable. */
    @Override
    public void cleanup() {
        invalidateHandles();
    }

    private void invalidateHandles() {
        for (SwitchboardConnectionImpl handle : handles) {
            if (handles.remove(handle)) {
                handle.invalidate();
            }
        }
    }

    /**
     * Lets go of the physical connection (closed when no other managed connection uses it); with requests still in
     * flight, when the last one finishes.
     */
    @Override
    public void destroy() {
        if (!destroyed.compareAndSet(false, true)) {
            return;
        }
        invalidateHandles();
        if (inFlight.get() == 0) {
            closeClient();
        }
        LOG.fine(() -> "destroyed " + this);
    }

    /** Lets go of the physical connection: the last managed connection on it closes it. */
    private void closeClient() {
        if (clientClosed.compareAndSet(false, true)) {
            link.release(watch);
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        events.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        events.remove(listener);
    }

    /**
     * This connection's XA resource (docs/transactions.md). Works without any handle: WildFly's recovery opens a
     * connection with the recovery credentials and asks it for {@code recover()}, {@code commit}, {@code rollback}.
     */
    @Override
    public synchronized XAResource getXAResource() throws ResourceException {
        if (destroyed.get()) {
            throw new IllegalStateException("this Switchboard managed connection is destroyed");
        }
        if (xaResource == null) {
            ownLinkForXa();
            xaResource = new OutboundXaResource(new XaVerbs(), maxDeferredCalls);
        }
        return xaResource;
    }

    /**
     * The server keeps XA branches per physical connection (its {@code max-branches-per-connection} limit counts them
     * there, and unprepared ones die with it), so a managed connection that does XA gets a physical connection of its
     * own instead of a shared one. IronJacamar asks for the XAResource when it creates the connection, before any
     * request. Handles go through this object, so they follow the move; a request in flight at that moment would not,
     * so then the move is refused.
     */
    private void ownLinkForXa() throws ResourceException {
        if (!shared) {
            return;
        }
        if (inFlight.get() > 0) {
            throw new IllegalStateException("this Switchboard managed connection shares its physical connection and"
                    + " has requests in flight: XA needs one of its own, asked for between requests");
        }
        PhysicalLink own = factory.openDedicatedLink(credentials);
        PhysicalLink sharedLink = link;
        link = own;
        shared = false;
        own.listen(watch);
        sharedLink.release(watch);
        LOG.fine(() -> this + " moved to its own " + own + " for XA");
    }

    /** On-commit mode: between begin and commit this connection's submits and front-door sends are held. */
    @Override
    public synchronized LocalTransaction getLocalTransaction() throws ResourceException {
        if (destroyed.get()) {
            throw new IllegalStateException("this Switchboard managed connection is destroyed");
        }
        if (localTransaction == null) {
            localTransaction = new OnCommitTransaction(maxDeferredCalls);
        }
        return localTransaction;
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new SwitchboardManagedConnectionMetaData(credentials.userName(), link.serverUrl());
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
    public String toString() {
        ServerUrl serverUrl = link.serverUrl();
        return "SwitchboardManagedConnection#" + id + "[" + (serverUrl == null ? "connecting" : serverUrl) + ", "
                + credentials + "]";
    }
}
