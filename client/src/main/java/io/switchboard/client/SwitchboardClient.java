package io.switchboard.client;

import io.switchboard.client.internal.Calls;
import io.switchboard.client.internal.Connection;
import io.switchboard.client.internal.ConnectionManager;
import io.switchboard.client.internal.FrontDoorSession;
import io.switchboard.client.internal.InboundListener;
import io.switchboard.client.internal.PayloadMappers;
import io.switchboard.client.internal.Publications;
import io.switchboard.client.internal.Registrations;
import io.switchboard.client.internal.Requests;
import io.switchboard.client.internal.Subscriptions;
import io.switchboard.client.internal.Watches;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.Shutdown;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection to a Switchboard server, kept alive across server restarts: call sessions, publish sessions,
 * watch sessions. Thread-safe; one client multiplexes any number of concurrent calls over one connection.
 *
 * <pre>{@code
 * try (SwitchboardClient client = SwitchboardClient.connect("tcp://127.0.0.1:7420")) {
 *     Greeting g = client.call("greeter", "hello", new Name("Ada"), Greeting.class);
 * }
 * }</pre>
 *
 * <p>Every request has a deadline. While disconnected, requests wait for the reconnect until their deadline and
 * then fail with {@link NotConnectedException}; those still waiting at the reconnect go out in the order they were
 * made, before any request made after it (at most 100 000 wait at once; more fail at once with
 * {@link NotConnectedException}). Requests in flight when a connection drops fail at once with
 * {@link ConnectionLostException} (they may or may not have run: they are not sent again). Given several URLs
 * ({@code tcp://a:7420,tcp://b:7420}), the client fails over: a lost connection is followed by one to the next
 * URL, where publications, subscriptions, watches and registrations are restored as after any reconnect.
 * Futures returned by the async methods complete on the client's I/O thread:
 * chain with the {@code *Async} methods of {@link CompletableFuture} before doing anything that blocks.
 */
public final class SwitchboardClient implements AutoCloseable {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(3);

    private final ClientOptions options;
    /** The threads this client runs on; closed with the client only when it created them. */
    private final ClientResources resources;

    private final boolean ownsResources;
    private final ConnectionManager manager;
    private final Calls calls;
    private final Publications publications;
    private final Subscriptions subscriptions;
    private final Requests requests;
    private final Watches watches;
    private final Registrations registrations;
    private final Lines lines = new Lines(this);
    private final ClientRegistry registry;
    private final ClientTickets tickets;
    private final ClientXaBranches xa;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SwitchboardClient(ClientOptions options) {
        this.options = options;
        this.ownsResources = options.resources() == null;
        this.resources = ownsResources ? ClientResources.create(1, "switchboard-client") : options.resources();
        if (resources.isClosed()) {
            throw new IllegalStateException("the shared ClientResources are closed");
        }
        this.requests = new Requests();
        try {
            this.manager = new ConnectionManager(
                    options,
                    resources.transport(),
                    resources.timer(),
                    new PayloadMappers(options.objectMapper(), options.mapperCustomizer()),
                    new Inbound(),
                    this::restore);
        } catch (RuntimeException e) {
            // e.g. a TLS file that cannot be read: nothing started, so nothing may keep running.
            if (ownsResources) {
                resources.close();
            }
            throw e;
        }
        long timeoutNanos = options.callTimeout().toNanos();
        this.calls = new Calls(requests, manager);
        this.publications = new Publications(requests, manager, timeoutNanos);
        this.subscriptions = new Subscriptions(requests, manager, timeoutNanos);
        this.watches = new Watches(requests, manager, timeoutNanos);
        this.registrations = new Registrations(requests, manager, resources.timer(), timeoutNanos);
        this.registry = new ClientRegistry(this, manager, requests, registrations, watches);
        this.tickets = new ClientTickets(this, calls);
        this.xa = new ClientXaBranches(this, calls);
    }

    /** Connects with default options to one URL, or to a comma-separated list of them ({@code tcp://a:7420,tcp://b:7420}). */
    public static SwitchboardClient connect(String url) {
        return connect(ClientOptions.builder().url(url).build());
    }

    /**
     * Connects, trying the URLs in order (each attempt bounded by {@link ClientOptions#attemptTimeout()}), until
     * the first handshake succeeds or {@code connectTimeout} passes, in which case this fails with
     * {@link NotConnectedException} naming the last error. After that the client reconnects on its own whenever
     * the connection drops, moving on to the next URL (round-robin).
     *
     * @throws TlsHandshakeException at once when a {@code tls://} server refused the TLS handshake (or was not
     *     trusted): retrying would not help
     * @throws IllegalArgumentException when a file of {@link ClientOptions#tls()} is not a certificate or key
     */
    public static SwitchboardClient connect(ClientOptions options) {
        SwitchboardClient client = new SwitchboardClient(options);
        CompletableFuture<Connection> first = client.manager.start();
        try {
            first.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return client;
        } catch (Exception e) {
            Throwable why = client.manager.lastError();
            client.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (why instanceof TlsHandshakeException tls) {
                // Permanent until the certificates change: the caller gets it as it is, at once.
                throw new TlsHandshakeException(
                        "could not connect to " + options.urls() + ": " + tls.getMessage(), tls);
            }
            throw new NotConnectedException(
                    "could not connect to " + options.urls() + " within "
                            + options.connectTimeout().toMillis() + " ms"
                            + (why == null ? "" : ": " + why.getMessage()),
                    why);
        }
    }

    /** The options this client was built with. */
    public ClientOptions options() {
        return options;
    }

    /** The codec of the current connection (what {@link RawPayload} bytes must be in); empty while disconnected. */
    public java.util.Optional<Codec> codec() {
        Connection c = manager.current();
        return c == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(c.payloads().codec());
    }

    /**
     * The bytes this client has sent and received so far, over all its connections (reconnects included): counted
     * at the socket, so after TLS and compression. Cheap (two sums); each call is a fresh snapshot.
     */
    public ClientTraffic traffic() {
        return manager.traffic();
    }

    /**
     * The server this client is connected to now: one of {@link ClientOptions#urls()}, or for a registry URL the
     * endpoint it resolved to; empty while disconnected. With several URLs it changes when the client fails over
     * (each switch is logged at INFO, see docs/client.md).
     */
    public java.util.Optional<ServerUrl> connectedUrl() {
        return java.util.Optional.ofNullable(manager.connectedUrl());
    }

    /** Whether a usable connection is open right now. */
    public boolean isConnected() {
        Connection c = manager.current();
        return c != null && c.isUsable();
    }

    /** Calls and waits up to the default call timeout. */
    public <T> T call(String alias, String method, Object payload, Class<T> type) {
        return call(alias, method, payload, type, options.callTimeout());
    }

    /**
     * Calls {@code alias.method} with {@code payload} and waits for the answer mapped to {@code type}.
     *
     * @throws CallException when the result is not {@code ok} (its {@link CallException#code()} says why)
     * @throws ConnectionLostException when the connection dropped while the call was outstanding
     * @throws NotConnectedException when no connection came up before the deadline (the call was not sent)
     */
    public <T> T call(String alias, String method, Object payload, Class<T> type, Duration timeout) {
        refuseOnIoThread("call");
        long deadline = deadline(timeout);
        return Requests.await(callAsync(alias, method, payload, type, CallMeta.NONE, deadline), deadline);
    }

    /**
     * Calls as {@link #call(String, String, Object, Class, Duration)} does, with the headers and timeout (the
     * default call timeout when it has none) of {@code callOptions}.
     */
    public <T> T call(String alias, String method, Object payload, Class<T> type, CallOptions callOptions) {
        refuseOnIoThread("call");
        long deadline = deadline(timeoutOf(callOptions));
        return Requests.await(callAsync(alias, method, payload, type, callOptions.meta(), deadline), deadline);
    }

    /** Calls without blocking, with the default call timeout. */
    public <T> CompletableFuture<T> callAsync(String alias, String method, Object payload, Class<T> type) {
        return callAsync(alias, method, payload, type, options.callTimeout());
    }

    /** Calls without blocking; the future fails the way {@link #call} throws. */
    public <T> CompletableFuture<T> callAsync(
            String alias, String method, Object payload, Class<T> type, Duration timeout) {
        return callAsync(alias, method, payload, type, CallMeta.NONE, deadline(timeout));
    }

    /** Calls without blocking, with the headers and timeout of {@code callOptions}. */
    public <T> CompletableFuture<T> callAsync(
            String alias, String method, Object payload, Class<T> type, CallOptions callOptions) {
        return callAsync(alias, method, payload, type, callOptions.meta(), deadline(timeoutOf(callOptions)));
    }

    private <T> CompletableFuture<T> callAsync(
            String alias, String method, Object payload, Class<T> type, CallMeta headers, long deadline) {
        PublishOptions.checkName(alias, "alias");
        PublishOptions.checkName(method, "method");
        Objects.requireNonNull(type, "type");
        return calls.call(alias, method, payload, type, headers, deadline);
    }

    /**
     * Scatter-gather: calls {@code alias.method} on every publisher of the alias connected now and waits for all of
     * them, at most the default call timeout (a publisher that has not answered by then is a {@code timeout} result).
     *
     * @return every publisher's result, in the order they answered; failures are results too, not exceptions
     * @throws CallException when the call reaches no publisher ({@code no-such-session}, {@code unknown-method}, ...)
     */
    public <T> List<PublisherResult<T>> callAll(String alias, String method, Object payload, Class<T> type) {
        return callAll(alias, method, payload, type, CallOptions.builder().build());
    }

    /** Scatter-gather as {@link #callAll(String, String, Object, Class)}, with the headers and timeout given. */
    public <T> List<PublisherResult<T>> callAll(
            String alias, String method, Object payload, Class<T> type, CallOptions callOptions) {
        refuseOnIoThread("callAll");
        long deadline = deadline(timeoutOf(callOptions));
        return Requests.await(callAllAsync(alias, method, payload, type, callOptions.meta(), deadline), deadline);
    }

    /** Scatter-gather without blocking; the future fails the way {@link #callAll} throws. */
    public <T> CompletableFuture<List<PublisherResult<T>>> callAllAsync(
            String alias, String method, Object payload, Class<T> type, CallOptions callOptions) {
        return callAllAsync(alias, method, payload, type, callOptions.meta(), deadline(timeoutOf(callOptions)));
    }

    private <T> CompletableFuture<List<PublisherResult<T>>> callAllAsync(
            String alias, String method, Object payload, Class<T> type, CallMeta headers, long deadline) {
        PublishOptions.checkName(alias, "alias");
        PublishOptions.checkName(method, "method");
        Objects.requireNonNull(type, "type");
        return calls.callAll(alias, method, payload, type, headers, deadline);
    }

    Duration timeoutOf(CallOptions callOptions) {
        return Objects.requireNonNull(callOptions, "callOptions").timeout().orElse(options.callTimeout());
    }

    /** @deprecated use {@link #tickets()}{@code .submit(...)} */
    @Deprecated(since = "0.2.0")
    public Ticket submit(String alias, String method, Object payload) {
        return tickets.submit(alias, method, payload);
    }

    /** @deprecated use {@link #tickets()}{@code .submit(...)} */
    @Deprecated(since = "0.2.0")
    public Ticket submit(String alias, String method, Object payload, CallOptions callOptions) {
        return tickets.submit(alias, method, payload, callOptions);
    }

    /** @deprecated use {@link #tickets()}{@code .submitAsync(...)} */
    @Deprecated(since = "0.2.0")
    public CompletableFuture<Ticket> submitAsync(String alias, String method, Object payload) {
        return tickets.submitAsync(alias, method, payload);
    }

    /** @deprecated use {@link #tickets()}{@code .submitAsync(...)} */
    @Deprecated(since = "0.2.0")
    public CompletableFuture<Ticket> submitAsync(String alias, String method, Object payload, CallOptions callOptions) {
        return tickets.submitAsync(alias, method, payload, callOptions);
    }

    /** @deprecated use {@link #tickets()}{@code .fetch(...)} */
    @Deprecated(since = "0.2.0")
    public <T> T fetch(String ticket, Class<T> type, Duration wait) {
        return tickets.fetch(ticket, type, wait);
    }

    /** @deprecated use {@link #tickets()}{@code .fetchAsync(...)} */
    @Deprecated(since = "0.2.0")
    public <T> CompletableFuture<T> fetchAsync(String ticket, Class<T> type, Duration wait) {
        return tickets.fetchAsync(ticket, type, wait);
    }

    /** Publishes {@code alias} with these methods; calls run {@code handler} on {@code executor}. */
    public Publication publish(String alias, Collection<String> methods, SessionHandler handler, Executor executor) {
        return publish(PublishOptions.builder(alias).methods(methods).build(), handler, executor);
    }

    /**
     * Publishes a session and waits for the server's ACK. The publication is re-published after every reconnect
     * until closed. Use {@code Runnable::run} as executor only for handlers that never block (they run on the
     * I/O thread).
     *
     * @throws RequestException when the server refuses (its code and message)
     */
    public Publication publish(PublishOptions publishOptions, SessionHandler handler, Executor executor) {
        refuseOnIoThread("publish");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(executor, "executor");
        return publications.publish(publishOptions, handler, executor);
    }

    /**
     * Handles the front door whose handler alias is {@code alias}: publishes it with the front-door methods and
     * runs {@code handler}'s callbacks on threads of its own (closed with the publication). See
     * {@link FrontDoorHandler} and {@code docs/front-door.md}.
     *
     * @throws RequestException when the server refuses the publication
     */
    public Publication handleFrontDoor(String alias, FrontDoorHandler handler) {
        return handleFrontDoor(
                PublishOptions.builder(alias).methods(FrontDoorHandler.METHODS).build(), handler);
    }

    /**
     * As {@link #handleFrontDoor(String, FrontDoorHandler)} with publish options, e.g. a
     * {@link PublishOptions#maxInflight()} (how many lines' events this instance takes at once). Methods the
     * options lack among {@link FrontDoorHandler#METHODS} are added; others are refused.
     */
    public Publication handleFrontDoor(PublishOptions publishOptions, FrontDoorHandler handler) {
        Objects.requireNonNull(publishOptions, "publishOptions");
        ExecutorService own = FrontDoorSession.defaultExecutor(publishOptions.alias());
        try {
            Publication publication = handleFrontDoor(publishOptions, handler, own);
            return new Publication() {
                @Override
                public String alias() {
                    return publication.alias();
                }

                @Override
                public void close() {
                    publication.close();
                    own.shutdown(); // callbacks already running finish; their answers go nowhere after the rescind
                }
            };
        } catch (RuntimeException e) {
            own.shutdown();
            throw e;
        }
    }

    /**
     * As {@link #handleFrontDoor(PublishOptions, FrontDoorHandler)}, running the callbacks on {@code executor}
     * (several lines' events at once; use one that may block unless the handler never does). An executor that
     * rejects an event answers it {@code busy}, which the server retries after a pause.
     */
    public Publication handleFrontDoor(PublishOptions publishOptions, FrontDoorHandler handler, Executor executor) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(executor, "executor");
        // The session runs on the I/O thread (it only reads headers and joins welcome-back parts in order) and
        // hands every callback to the executor.
        return publish(
                FrontDoorSession.publishOptions(publishOptions),
                new FrontDoorSession(handler, executor, lines),
                Runnable::run);
    }

    /** Sends to, closes and broadcasts to front-door lines (the server's {@code $lines} session). */
    public Lines lines() {
        return lines;
    }

    /** The server's registry: register, resolve and watch names. */
    public Registry registry() {
        return registry;
    }

    /** Async calls: submit a call for a ticket, fetch its outcome later from any client. */
    public Tickets tickets() {
        return tickets;
    }

    /** The server as an XA resource manager: calls in transaction branches, prepare, commit, rollback, recover. */
    public XaBranches xa() {
        return xa;
    }

    /** The sessions published on the server now. */
    public List<SessionInfo> list() {
        refuseOnIoThread("list");
        long deadline = deadline(options.callTimeout());
        return Requests.await(calls.list(deadline), deadline);
    }

    /**
     * Watches {@code alias}: the listener hears its current state before this returns, then every RESCINDED /
     * REPUBLISHED, and the fresh state after each reconnect.
     */
    public Subscription subscribe(String alias, SessionListener listener) {
        refuseOnIoThread("subscribe");
        PublishOptions.checkName(alias, "alias");
        Objects.requireNonNull(listener, "listener");
        return subscriptions.subscribe(alias, listener);
    }

    /** @deprecated use {@link #registry()}{@code .resolve(name)}, which answers {@link RegistryEntry}s */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public List<Entries.Entry> resolve(String name) {
        refuseOnIoThread("resolve");
        long deadline = deadline(options.callTimeout());
        return Requests.await(registry.resolveWire(name, deadline), deadline);
    }

    /** @deprecated use {@link #registry()}{@code .resolveAsync(name)}, which answers {@link RegistryEntry}s */
    @Deprecated(since = "0.2.0", forRemoval = true)
    public CompletableFuture<List<Entries.Entry>> resolveAsync(String name) {
        return registry.resolveWire(name, deadline(options.callTimeout()));
    }

    /** @deprecated use {@link #registry()}{@code .watch(name, listener)} */
    @Deprecated(since = "0.2.0")
    public NameWatch watch(String name, EntriesListener listener) {
        return registry.watch(name, listener);
    }

    /** @deprecated use {@link #registry()}{@code .register(registerOptions)} */
    @Deprecated(since = "0.2.0")
    public Registration register(RegisterOptions registerOptions) {
        return registry.register(registerOptions);
    }

    /** Measures one round trip to the server, waiting at most the call timeout. */
    public Duration ping() {
        return ping(options.callTimeout());
    }

    /** Measures one round trip to the server, waiting at most {@code timeout} (e.g. to validate a pooled connection). */
    public Duration ping(Duration timeout) {
        refuseOnIoThread("ping");
        long deadline = deadline(timeout);
        return Requests.await(calls.ping(deadline), deadline);
    }

    /**
     * Rescinds publications (bounded wait), fails pending requests with {@link ClientClosedException}, closes
     * the connection and stops the client's threads. Idempotent.
     */
    @Override
    public void close() {
        refuseOnIoThread("close");
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        registrations.stopAll(); // connection-bound entries go with the connection; TTL entries expire
        if (isConnected()) {
            publications.rescindAll(1000);
        }
        try {
            manager.close().get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownsResources) {
            resources.close();
        }
    }

    private void restore(Connection connection) {
        publications.restore(connection);
        subscriptions.restore(connection);
        watches.restore(connection);
        registrations.restore(connection);
    }

    /**
     * Blocking on the I/O thread would stall the very thread that reads the answer, until the deadline. That
     * happens when a handler published with a direct executor makes a blocking call; refuse it clearly instead.
     */
    void refuseOnIoThread(String operation) {
        if (manager.onIoThread()) {
            throw new IllegalStateException("blocking " + operation + " on the client's I/O thread (a handler run by "
                    + "a direct executor?); use the async API or a handler executor that may block");
        }
    }

    long deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        return System.nanoTime() + timeout.toNanos();
    }

    /** Frames that are not answers: routed to publications, subscriptions and the lifecycle. */
    private final class Inbound implements InboundListener {
        @Override
        public void onDeliver(Connection connection, Deliver deliver) {
            publications.deliver(connection, deliver);
        }

        @Override
        public void onSessionEvent(SessionEvent event) {
            subscriptions.notify(event);
        }

        @Override
        public void onEntries(Entries entries) {
            watches.notify(entries);
        }

        @Override
        public void onShutdown(Connection connection, Shutdown shutdown) {
            manager.draining(connection, shutdown.graceMs());
        }
    }
}
