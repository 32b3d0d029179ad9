package io.switchboard.client.internal;

import io.switchboard.client.SessionListener;
import io.switchboard.client.Subscription;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.Unsubscribe;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** This client's subscriptions by alias (one per alias): subscribe, unsubscribe, renew after reconnects. */
public final class Subscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final Map<String, SubscriptionImpl> byAlias = new ConcurrentHashMap<>();
    private final Requests requests;
    private final ConnectionManager manager;
    private final long timeoutNanos;

    public Subscriptions(Requests requests, ConnectionManager manager, long timeoutNanos) {
        this.requests = requests;
        this.manager = manager;
        this.timeoutNanos = timeoutNanos;
    }

    /** Subscribes and waits for the current state, which the listener receives before this returns. */
    public Subscription subscribe(String alias, SessionListener listener) {
        SubscriptionImpl sub = new SubscriptionImpl(alias, listener, this::unsubscribe);
        if (byAlias.putIfAbsent(alias, sub) != null) {
            throw new IllegalStateException("this client already subscribes to '" + alias + "'");
        }
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            Requests.await(manager.withConnection(deadline, c -> sub.subscribeOn(c, requests, deadline)), deadline);
            return sub;
        } catch (RuntimeException e) {
            byAlias.remove(alias, sub);
            throw e;
        }
    }

    /** A RESCINDED / REPUBLISHED notification. */
    public void notify(SessionEvent event) {
        SubscriptionImpl sub = byAlias.get(event.alias());
        if (sub != null) {
            sub.notify(event);
        }
    }

    /** After a reconnect: SUBSCRIBE everything again; each listener hears the fresh state. */
    public void restore(Connection connection) {
        long deadline = System.nanoTime() + timeoutNanos;
        for (SubscriptionImpl sub : byAlias.values()) {
            sub.subscribeOn(connection, requests, deadline).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn(
                            "{} re-subscribing '{}' on {} failed: {}",
                            LogId.RESUBSCRIBE_FAILED,
                            sub.alias(),
                            connection.url(),
                            Requests.unwrap(e).getMessage());
                }
            });
        }
    }

    private void unsubscribe(SubscriptionImpl sub) {
        byAlias.remove(sub.alias(), sub);
        Connection c = manager.current();
        if (c == null || !c.channel().isActive()) {
            return;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        CompletableFuture<Void> ack = requests.send(
                c,
                req -> new Unsubscribe(req, sub.alias()),
                deadline,
                "UNSUBSCRIBE " + sub.alias(),
                Requests::expectAck);
        if (manager.onIoThread()) {
            return; // closed from the I/O thread (a listener): never block the thread that reads the ACK
        }
        try {
            Requests.await(ack, deadline);
        } catch (RuntimeException e) {
            LOG.debug("unsubscribing '{}' failed: {}", sub.alias(), e.getMessage());
        }
    }
}
