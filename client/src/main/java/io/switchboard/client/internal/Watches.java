package io.switchboard.client.internal;

import io.switchboard.client.EntriesListener;
import io.switchboard.client.NameWatch;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Unwatch;
import io.switchboard.protocol.message.Watch;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** This client's watched registry names (one watch per name): watch, unwatch, renew after reconnects. */
public final class Watches {

    private static final Logger LOG = LoggerFactory.getLogger(Watches.class);

    private final Map<String, WatchImpl> byName = new ConcurrentHashMap<>();
    private final Requests requests;
    private final ConnectionManager manager;
    private final long timeoutNanos;

    public Watches(Requests requests, ConnectionManager manager, long timeoutNanos) {
        this.requests = requests;
        this.manager = manager;
        this.timeoutNanos = timeoutNanos;
    }

    /** Watches and waits for the current entries, which the listener receives before this returns. */
    public NameWatch watch(String name, EntriesListener listener) {
        WatchImpl watch = new WatchImpl(name, listener);
        if (byName.putIfAbsent(name, watch) != null) {
            throw new IllegalStateException("this client already watches '" + name + "'");
        }
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            Requests.await(manager.withConnection(deadline, c -> watch.watchOn(c, deadline)), deadline);
            return watch;
        } catch (RuntimeException e) {
            byName.remove(name, watch);
            throw e;
        }
    }

    /** A change notification (req 0). */
    public void notify(Entries entries) {
        WatchImpl watch = byName.get(entries.name());
        if (watch != null) {
            watch.tell(entries);
        }
    }

    /** After a reconnect: WATCH everything again; each listener hears the entries as they are now. */
    public void restore(Connection connection) {
        long deadline = System.nanoTime() + timeoutNanos;
        for (WatchImpl watch : byName.values()) {
            watch.watchOn(connection, deadline).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn(
                            "{} watching '{}' again on {} failed: {}",
                            LogId.REWATCH_FAILED,
                            watch.name(),
                            connection.url(),
                            Requests.unwrap(e).getMessage());
                }
            });
        }
    }

    /** One watched name. */
    private final class WatchImpl implements NameWatch {
        private final String name;
        private final EntriesListener listener;
        private Connection watchedOn;
        private CompletableFuture<Entries> watching;
        private volatile boolean closed;

        WatchImpl(String name, EntriesListener listener) {
            this.name = name;
            this.listener = listener;
        }

        /** WATCHes on {@code c} once; the listener hears the answer before any later notification. */
        synchronized CompletableFuture<Entries> watchOn(Connection c, long deadlineNanos) {
            if (watchedOn != c) {
                watchedOn = c;
                watching = requests.send(c, req -> new Watch(req, name), deadlineNanos, "WATCH " + name, answer -> {
                    Entries entries = Requests.expect(answer, Entries.class);
                    tell(entries);
                    return entries;
                });
            }
            return watching;
        }

        void tell(Entries entries) {
            if (closed) {
                return;
            }
            try {
                listener.onEntries(name, PublicValues.registryEntries(entries.entries()));
            } catch (RuntimeException e) {
                LOG.warn("{} entries listener of '{}' failed", LogId.ENTRIES_LISTENER_FAILED, name, e);
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            byName.remove(name, this);
            Connection c = manager.current();
            if (c == null || !c.channel().isActive()) {
                return;
            }
            long deadline = System.nanoTime() + timeoutNanos;
            CompletableFuture<Void> ack =
                    requests.send(c, req -> new Unwatch(req, name), deadline, "UNWATCH " + name, Requests::expectAck);
            if (manager.onIoThread()) {
                return; // closed from a listener: never block the thread that reads the ACK
            }
            try {
                Requests.await(ack, deadline);
            } catch (RuntimeException e) {
                LOG.debug("unwatching '{}' failed: {}", name, e.getMessage());
            }
        }
    }
}
