package io.switchboard.client.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.switchboard.client.ClientClosedException;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.ClientTraffic;
import io.switchboard.client.ConnectionListener;
import io.switchboard.client.NotConnectedException;
import io.switchboard.client.RequestException;
import io.switchboard.client.ServerUrl;
import io.switchboard.client.TlsHandshakeException;
import io.switchboard.client.UnauthorizedException;
import io.switchboard.protocol.transport.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the connection lifecycle as a state machine; every transition runs on one event loop thread.
 *
 * <pre>
 * CONNECTING --welcome--> CONNECTED --SHUTDOWN frame--> DRAINING --closed--> DISCONNECTED
 *     ^   |                   |                                                  |
 *     |   +--all URLs failed--+--------------------closed----------------------->+
 *     +-----------------------------after backoff-----------------------------------+
 * any state --close()--> CLOSED
 * </pre>
 *
 * Without {@link ClientOptions#reconnect()} there is no way back: after all URLs failed once, or after the
 * connection is lost, the manager stays DISCONNECTED and every request fails at once.
 *
 * <p>Which URL comes next (all of it here, nowhere else): a round is every URL once, in the configured order,
 * starting at {@code roundStart}; a failed attempt moves on to the next URL at once, a failed round waits the
 * backoff and starts again at the same place. The first round starts at the first URL. A lost connection starts
 * the next round at the URL after the one it was connected to (round-robin), so a client of a cluster moves on
 * to another node rather than back to the first; and when a registry URL resolves to several endpoints, the one
 * just lost is tried last. Every attempt is bounded by {@link ClientOptions#attemptTimeout()}.
 *
 * Callers hand their work to {@link #withConnection}: it runs on the current usable connection at once, or, while
 * there is none, waits in a queue that is run in order at the next successful handshake (see {@link WaitingWork}).
 */
public final class ConnectionManager {

    /** Lifecycle states. */
    public enum State {
        CONNECTING,
        CONNECTED,
        DRAINING,
        DISCONNECTED,
        CLOSED
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionManager.class);
    private static final long DRAIN_MARGIN_MS = 5_000;
    /** Requests that may wait for a connection at once; more are refused rather than piled up in memory. */
    static final int MAX_WAITING = 100_000;

    private final ClientOptions options;
    private final Transport transport;
    private final EventLoop loop;
    private final Timer timer;
    private final PayloadMappers payloads;
    private final InboundListener listener;
    private final Consumer<Connection> onReconnected;
    private final Backoff backoff;
    private final List<ServerUrl> urls;
    private final RegistryLookup lookup;
    private final ClientTls tls;
    private final TrafficCounter traffic = new TrafficCounter();

    private volatile State state = State.DISCONNECTED;
    private volatile Connection current;
    /** Work waiting for a usable connection, in the order it came; each leaves at its deadline at the latest. */
    private final WaitingWork waiting = new WaitingWork(MAX_WAITING);
    /** Completes at the first successful handshake; fails when there will be none. */
    private final CompletableFuture<Connection> first = new CompletableFuture<>();

    private volatile Throwable lastError;
    private int failedRounds;
    /** The URL being tried, or the one connected to; an index into {@code urls}. */
    private int urlIndex;
    /** Where the current round began: coming back here ends the round. */
    private int roundStart;
    /** The concrete URL of the connection lost last (a registry URL's endpoint); null before any loss. */
    private ServerUrl lost;
    /** What each registry URL resolved to last (at most one list per URL of the client's list); on the loop. */
    private final java.util.Map<ServerUrl, List<ServerUrl>> lastResolved = new java.util.HashMap<>();
    /** The concrete URL of the last connection, for the switch log; null before the first. */
    private ServerUrl previous;

    private boolean everConnected;
    /** Set once for good when reconnecting is off and the connection is gone (or never came). */
    private volatile boolean gaveUp;

    public ConnectionManager(
            ClientOptions options,
            Transport transport,
            Timer timer,
            PayloadMappers payloads,
            InboundListener listener,
            Consumer<Connection> onReconnected) {
        this.options = options;
        this.transport = transport;
        this.loop = transport.group().next();
        this.timer = timer;
        this.payloads = payloads;
        this.listener = listener;
        this.onReconnected = onReconnected;
        this.backoff = new Backoff(options.reconnectInitialBackoff(), options.reconnectMaxBackoff());
        this.urls = options.urls();
        this.tls = new ClientTls(options.tls());
        this.lookup = new RegistryLookup(options, transport, timer, payloads, tls, traffic);
    }

    /** Starts connecting; the returned future completes at the first successful handshake. */
    public CompletableFuture<Connection> start() {
        loop.execute(this::attempt);
        return first;
    }

    /** Bytes written and read over all of this manager's connections so far. */
    public ClientTraffic traffic() {
        return traffic.snapshot();
    }

    public State state() {
        return state;
    }

    /** Why the last connection attempt failed; null if none did. */
    public Throwable lastError() {
        return lastError;
    }

    /**
     * Runs {@code work} on a usable connection: at once when there is one and nothing waits, otherwise in turn
     * once connected, after all work queued before it. The returned future has the work's outcome; it fails
     * with {@link NotConnectedException} at {@code deadlineNanos} if no connection came, or when closed.
     */
    public <T> CompletableFuture<T> withConnection(
            long deadlineNanos, Function<Connection, ? extends CompletionStage<T>> work) {
        Connection c = current;
        if (c != null && c.isUsable() && waiting.isEmpty()) {
            try {
                return work.apply(c).toCompletableFuture();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        if (state == State.CLOSED) {
            return CompletableFuture.failedFuture(new ClientClosedException("the client is closed"));
        }
        if (gaveUp) {
            return CompletableFuture.failedFuture(connectionGone());
        }
        WaitingWork.Item<T> item = new WaitingWork.Item<>(work);
        if (!waiting.add(item)) {
            return CompletableFuture.failedFuture(new NotConnectedException("not connected to " + urls + ", and "
                    + waiting.limit() + " requests already wait for the connection; this one is refused"));
        }
        // Joined first, bounded second: an expiry that fired before the item was queued would leave it there.
        long delay = Math.max(0, deadlineNanos - System.nanoTime());
        item.expiry(
                timer.newTimeout(t -> waiting.expire(item, () -> notConnected(delay)), delay, TimeUnit.NANOSECONDS));
        // Re-check after joining: a transition that happened meanwhile may have missed this item.
        if (state == State.CLOSED) {
            waiting.expire(item, () -> new ClientClosedException("the client is closed"));
        } else if (gaveUp) {
            waiting.expire(item, this::connectionGone);
        } else {
            c = current;
            if (c != null && c.isUsable()) {
                run(this::runWaiting);
            }
        }
        return item.result();
    }

    /** The queued work, oldest first, on the current connection while it is usable; event loop only. */
    private void runWaiting() {
        Connection c = current;
        if (c != null) {
            waiting.runAll(c);
        }
    }

    private NotConnectedException notConnected(long waitedNanos) {
        Throwable why = lastError;
        return new NotConnectedException(
                "not connected to " + urls + " within the deadline ("
                        + TimeUnit.NANOSECONDS.toMillis(waitedNanos) + " ms)"
                        + (why == null ? "" : "; last error: " + why.getMessage()),
                why);
    }

    private NotConnectedException connectionGone() {
        Throwable why = lastError;
        if (why instanceof UnauthorizedException) {
            return new NotConnectedException(
                    urls + " refused this client's credentials (" + why.getMessage() + "); it does not retry", why);
        }
        return new NotConnectedException(
                "the connection to " + urls + " is gone and reconnecting is off"
                        + (why == null ? "" : "; last error: " + why.getMessage()),
                why);
    }

    /** The URL of the connection open now (a registry URL's resolved endpoint); null while disconnected. */
    public ServerUrl connectedUrl() {
        Connection c = current;
        return c == null ? null : c.url();
    }

    /** The connection currently open, usable or draining; null while disconnected. */
    public Connection current() {
        return current;
    }

    // ---- transitions, all on the event loop ----

    private void attempt() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CONNECTING;
        ServerUrl url = urls.get(urlIndex);
        if (!url.isRegistry()) {
            connectTo(url, failure -> attemptFailed(url, failure));
            return;
        }
        LOG.debug("resolving {}", url);
        lookup.resolve(url)
                .whenComplete((targets, failure) -> run(() -> {
                    List<ServerUrl> remembered = lastResolved.get(url);
                    if (failure == null) {
                        if (!targets.isEmpty()) {
                            lastResolved.put(url, List.copyOf(targets));
                        }
                        connectToEach(url, lostLast(targets), 0);
                    } else if (remembered != null) {
                        // The registry is unreachable (it may be the node just lost): the endpoints it resolved to
                        // last are still worth trying, the lost one last.
                        LOG.debug("resolving {} failed: {}; trying what it resolved to last", url, failure.toString());
                        connectToEach(url, lostLast(remembered), 0);
                    } else {
                        attemptFailed(url, Requests.unwrap(failure));
                    }
                }));
    }

    /** The endpoints in the registry's order, except that the one just lost goes last. */
    private List<ServerUrl> lostLast(List<ServerUrl> targets) {
        if (lost == null || !targets.contains(lost) || targets.size() < 2) {
            return targets;
        }
        List<ServerUrl> ordered = new ArrayList<>(targets);
        ordered.remove(lost);
        ordered.add(lost);
        return ordered;
    }

    /** The endpoints a registry URL resolved to, in order; the next is tried at once when one fails. */
    private void connectToEach(ServerUrl url, List<ServerUrl> targets, int index) {
        if (state == State.CLOSED) {
            return;
        }
        connectTo(targets.get(index), failure -> {
            if (index + 1 < targets.size()) {
                LOG.debug(
                        "{} (from {}) failed: {}; trying the next endpoint",
                        targets.get(index),
                        url,
                        failure.toString());
                connectToEach(url, targets, index + 1);
            } else {
                attemptFailed(url, failure);
            }
        });
    }

    /** One connection attempt to a concrete URL: connected on WELCOME, {@code onFailure} (on the loop) otherwise. */
    private void connectTo(ServerUrl url, Consumer<Throwable> onFailure) {
        ClientPipeline pipeline = new ClientPipeline(options, url, payloads, timer, listener, tls, traffic);
        LOG.debug("connecting to {}", url);
        ChannelFuture connect;
        try {
            connect = transport.connect(url, pipeline, options.attemptTimeout());
        } catch (RuntimeException e) {
            onFailure.accept(e);
            return;
        }
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                pipeline.handshake().completeExceptionally(f.cause());
            }
        });
        // Bound the handshake as well as the TCP connect.
        Timeout handshakeExpiry = timer.newTimeout(
                t -> {
                    if (pipeline.handshake()
                            .completeExceptionally(new NotConnectedException("no WELCOME from " + url + " within "
                                    + options.attemptTimeout().toMillis() + " ms"))) {
                        connect.channel().close();
                    }
                },
                options.attemptTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        pipeline.handshake()
                .whenComplete((conn, failure) -> run(() -> {
                    handshakeExpiry.cancel();
                    if (failure != null) {
                        onFailure.accept(failure);
                    } else {
                        connected(conn);
                    }
                }));
    }

    private void attemptFailed(ServerUrl url, Throwable failure) {
        lastError = failure;
        LOG.debug("connecting to {} failed: {}", url, failure.toString());
        if (state == State.CLOSED) {
            return;
        }
        urlIndex = (urlIndex + 1) % urls.size();
        if (urlIndex != roundStart) {
            attempt(); // failover: next URL at once
            return;
        }
        state = State.DISCONNECTED;
        // A server that refused the first handshake (version, codec, credentials, or TLS: an untrusted certificate)
        // will refuse it again: say so now rather than retry until the connect timeout. Once connected, a refusal
        // may be a passing upgrade or a certificate being renewed, so the backoff goes on; but refused credentials
        // stay refused: retrying them would only add to the server's failed logins.
        if (!options.reconnect()
                || (!everConnected && (failure instanceof RequestException || failure instanceof TlsHandshakeException))
                || failure instanceof UnauthorizedException) {
            giveUp();
            return;
        }
        long delay = backoff.delayMillis(failedRounds++);
        if (everConnected) {
            LOG.info(
                    "{} no server of {} reachable ({}); retrying in {} ms",
                    LogId.NO_SERVER_REACHABLE,
                    urls,
                    failure.getMessage(),
                    delay);
        }
        loop.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
    }

    private void connected(Connection conn) {
        if (state == State.CLOSED) {
            conn.close(() -> new ClientClosedException("the client is closed"));
            return;
        }
        boolean reconnect = everConnected;
        everConnected = true;
        state = State.CONNECTED;
        current = conn;
        failedRounds = 0;
        lastError = null;
        conn.channel().closeFuture().addListener(f -> run(() -> disconnected(conn)));
        LOG.info(
                "{} {} to {} (codec {}, {})",
                LogId.CONNECTED,
                reconnect ? "reconnected" : "connected",
                conn.url(),
                conn.payloads().codec().wireName(),
                transport.isNative() ? "epoll" : "nio");
        if (previous != null && !previous.equals(conn.url())) {
            LOG.info("{} switched from {} to {}", LogId.SWITCHED_SERVER, previous, conn.url());
        }
        previous = conn.url();
        if (reconnect) {
            onReconnected.accept(conn);
        }
        first.complete(conn);
        waiting.runAll(conn);
        tell(l -> l.connected(conn.url()));
    }

    /** Reconnecting is off and there is no connection: fail everyone waiting, now and later. */
    private void giveUp() {
        gaveUp = true;
        NotConnectedException reason = connectionGone();
        first.completeExceptionally(reason);
        waiting.failAll(() -> reason);
    }

    private void tell(Consumer<ConnectionListener> event) {
        ConnectionListener l = options.connectionListener();
        if (l == null) {
            return;
        }
        try {
            event.accept(l);
        } catch (RuntimeException e) {
            LOG.warn("{} connection listener failed", LogId.CONNECTION_LISTENER_FAILED, e);
        }
    }

    /**
     * The server sent SHUTDOWN on {@code conn}: new work waits for the next connection, which is opened once the
     * server closes this one. Should the server not close it within its grace period (plus a margin), we do.
     */
    public void draining(Connection conn, long graceMs) {
        run(() -> {
            conn.markDraining();
            if (current == conn && state == State.CONNECTED) {
                state = State.DRAINING;
            }
            tell(l -> l.shutdownAnnounced(conn.url(), graceMs));
            loop.schedule(
                    () -> {
                        if (conn.channel().isActive()) {
                            LOG.warn(
                                    "{} {} announced SHUTDOWN but kept the connection open; closing it",
                                    LogId.SHUTDOWN_BUT_OPEN,
                                    conn.url());
                            conn.close(null);
                        }
                    },
                    Math.max(0, graceMs) + DRAIN_MARGIN_MS,
                    TimeUnit.MILLISECONDS);
        });
    }

    /** True on the client's I/O thread, where nothing may block waiting for the server. */
    public boolean onIoThread() {
        return loop.inEventLoop();
    }

    private void disconnected(Connection conn) {
        if (current != conn) {
            return;
        }
        current = null;
        if (state == State.CLOSED) {
            return;
        }
        state = State.DISCONNECTED;
        if (conn.failure() != null) {
            lastError = conn.failure();
        }
        tell(l -> l.lost(conn.url(), conn.failure()));
        if (!options.reconnect()) {
            LOG.info("{} connection to {} lost; reconnecting is off", LogId.CONNECTION_LOST, conn.url());
            giveUp();
            return;
        }
        // Round-robin: the next round starts after the URL that was lost (the same one when there is only one).
        lost = conn.url();
        urlIndex = (urlIndex + 1) % urls.size();
        roundStart = urlIndex;
        long delay = backoff.delayMillis(failedRounds++);
        LOG.info(
                "{} connection to {} lost; reconnecting in {} ms{}",
                LogId.CONNECTION_LOST_RECONNECTING,
                conn.url(),
                delay,
                urls.size() > 1 ? ", trying " + urls.get(urlIndex) + " first" : "");
        loop.schedule(this::attempt, delay, TimeUnit.MILLISECONDS);
    }

    /** Closes for good: waiters fail, the connection closes (its pending requests fail), no more attempts. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Runnable doClose = () -> {
            state = State.CLOSED;
            ClientClosedException reason = new ClientClosedException("the client was closed");
            first.completeExceptionally(reason);
            waiting.failAll(() -> reason);
            Connection c = current;
            current = null;
            if (c == null) {
                closed.complete(null);
            } else {
                c.close(() -> new ClientClosedException("the client was closed before the answer came"))
                        .whenComplete((v, e) -> closed.complete(null));
            }
        };
        try {
            loop.execute(doClose);
        } catch (RejectedExecutionException e) {
            doClose.run();
        }
        return closed;
    }

    private void run(Runnable transition) {
        if (loop.inEventLoop()) {
            transition.run();
        } else {
            try {
                loop.execute(transition);
            } catch (RejectedExecutionException e) {
                LOG.debug("event loop gone; transition dropped");
            }
        }
    }
}
