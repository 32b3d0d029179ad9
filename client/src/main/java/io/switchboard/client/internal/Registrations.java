package io.switchboard.client.internal;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.switchboard.client.RegisterOptions;
import io.switchboard.client.Registration;
import io.switchboard.client.RequestException;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.message.Refresh;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Unregister;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This client's registry entries: REGISTER, the refresh timers of TTL entries, registering connection-bound
 * entries again after reconnects, UNREGISTER on close.
 */
public final class Registrations {

    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);

    private final Set<RegistrationImpl> open = ConcurrentHashMap.newKeySet();
    private final Requests requests;
    private final ConnectionManager manager;
    private final Timer timer;
    private final long timeoutNanos;

    public Registrations(Requests requests, ConnectionManager manager, Timer timer, long timeoutNanos) {
        this.requests = requests;
        this.manager = manager;
        this.timer = timer;
        this.timeoutNanos = timeoutNanos;
    }

    /** Registers and waits for the server's answer; ERROR becomes a {@link RequestException}. */
    public Registration register(RegisterOptions options) {
        RegistrationImpl registration = new RegistrationImpl(options);
        long deadline = System.nanoTime() + timeoutNanos;
        Requests.await(
                manager.withConnection(
                        deadline,
                        c -> registration.registerOn(c, options.instance().orElse(null), deadline)),
                deadline);
        open.add(registration);
        registration.scheduleRefresh();
        return registration;
    }

    /** After a reconnect: connection-bound entries went with the old connection; register them again. */
    public void restore(Connection connection) {
        long deadline = System.nanoTime() + timeoutNanos;
        for (RegistrationImpl registration : open) {
            if (registration.options.ttl().isEmpty()) {
                registration.registerOn(connection, null, deadline).whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.warn(
                                "{} registering '{}' again on {} failed: {}",
                                LogId.REREGISTER_FAILED,
                                registration.name(),
                                connection.url(),
                                Requests.unwrap(e).getMessage());
                    }
                });
            }
        }
    }

    /** On client close: stop refreshing; entries are unregistered by {@link Registration#close()} only. */
    public void stopAll() {
        open.forEach(RegistrationImpl::stopRefreshing);
    }

    private final class RegistrationImpl implements Registration {
        private final RegisterOptions options;
        private volatile Registered current;
        private volatile Timeout refresh;
        private volatile boolean closed;

        RegistrationImpl(RegisterOptions options) {
            this.options = options;
        }

        CompletableFuture<Registered> registerOn(Connection c, String instance, long deadline) {
            Long ttlMs = options.ttl().map(Duration::toMillis).orElse(null);
            return requests.send(
                    c,
                    req -> new Register(req, options.name(), options.endpoints(), options.metadata(), ttlMs, instance),
                    deadline,
                    "REGISTER " + options.name(),
                    answer -> {
                        Registered registered = Requests.expect(answer, Registered.class);
                        current = registered;
                        return registered;
                    });
        }

        void scheduleRefresh() {
            Optional<Duration> every = options.refreshEvery();
            if (every.isEmpty() || closed) {
                return;
            }
            refresh = timer.newTimeout(t -> refreshNow(), every.get().toMillis(), TimeUnit.MILLISECONDS);
        }

        /** REFRESH; an entry that is gone (it expired while we could not reach the server) is registered anew. */
        private void refreshNow() {
            if (closed) {
                return;
            }
            long deadline = System.nanoTime()
                    + Math.min(timeoutNanos, options.refreshEvery().get().toNanos());
            String instance = current.instance();
            manager.withConnection(
                            deadline,
                            c -> requests.send(
                                            c,
                                            req -> new Refresh(req, instance),
                                            deadline,
                                            "REFRESH " + options.name(),
                                            Requests::expectAck)
                                    .exceptionallyCompose(e -> {
                                        Throwable why = Requests.unwrap(e);
                                        if (why instanceof RequestException re && re.code() == ErrorCode.NOT_FOUND) {
                                            LOG.info(
                                                    "registry entry '{}' had expired; registering it anew",
                                                    options.name());
                                            return registerOn(c, null, deadline).thenApply(r -> null);
                                        }
                                        return CompletableFuture.failedFuture(why);
                                    }))
                    .whenComplete((v, e) -> {
                        if (e != null) {
                            LOG.warn(
                                    "{} refreshing registry entry '{}' failed: {}",
                                    LogId.REFRESH_FAILED,
                                    options.name(),
                                    Requests.unwrap(e).getMessage());
                        }
                        scheduleRefresh();
                    });
        }

        void stopRefreshing() {
            closed = true;
            Timeout t = refresh;
            if (t != null) {
                t.cancel();
            }
        }

        @Override
        public String name() {
            return options.name();
        }

        @Override
        public String instance() {
            return current.instance();
        }

        @Override
        public String id() {
            return current.id();
        }

        @Override
        public Optional<Duration> ttl() {
            return options.ttl();
        }

        @Override
        public void close() {
            if (!open.remove(this)) {
                return;
            }
            stopRefreshing();
            Connection c = manager.current();
            if (c == null || !c.channel().isActive()) {
                return;
            }
            long deadline = System.nanoTime() + timeoutNanos;
            CompletableFuture<Void> ack = requests.send(
                    c,
                    req -> new Unregister(req, options.name(), current.instance()),
                    deadline,
                    "UNREGISTER " + options.name(),
                    Requests::expectAck);
            if (manager.onIoThread()) {
                return;
            }
            try {
                Requests.await(ack, deadline);
            } catch (RuntimeException e) {
                LOG.debug("unregistering '{}' failed: {}", options.name(), e.getMessage());
            }
        }
    }
}
