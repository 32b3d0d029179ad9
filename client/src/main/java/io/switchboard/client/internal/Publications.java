package io.switchboard.client.internal;

import io.switchboard.client.Publication;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SessionHandler;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** This client's open publications by alias: publish, rescind, re-publish after reconnects, route deliveries. */
public final class Publications {

    private static final Logger LOG = LoggerFactory.getLogger(Publications.class);

    private final Map<String, PublicationImpl> byAlias = new ConcurrentHashMap<>();
    private final Requests requests;
    private final ConnectionManager manager;
    private final long timeoutNanos;

    public Publications(Requests requests, ConnectionManager manager, long timeoutNanos) {
        this.requests = requests;
        this.manager = manager;
        this.timeoutNanos = timeoutNanos;
    }

    /** Publishes and waits (until the deadline) for the server's ACK; ERROR fails and forgets the publication. */
    public Publication publish(PublishOptions options, SessionHandler handler, Executor executor) {
        PublicationImpl pub = new PublicationImpl(options, handler, executor, this::rescind);
        if (byAlias.putIfAbsent(options.alias(), pub) != null) {
            throw new IllegalStateException("this client already publishes '" + options.alias() + "'");
        }
        long deadline = System.nanoTime() + timeoutNanos;
        try {
            Requests.await(manager.withConnection(deadline, c -> pub.publishOn(c, requests, deadline)), deadline);
            return pub;
        } catch (RuntimeException e) {
            byAlias.remove(options.alias(), pub);
            throw e;
        }
    }

    /** Routes a DELIVER to its publication; one this client does not (any longer) publish is refused. */
    public void deliver(Connection connection, Deliver deliver) {
        PublicationImpl pub = byAlias.get(deliver.alias());
        if (pub == null) {
            connection.send(
                    Result.failure(
                            deliver.id(),
                            ResultCode.NO_SUCH_SESSION,
                            "this publisher no longer publishes '" + deliver.alias() + "'"),
                    null);
            return;
        }
        pub.dispatch(connection, deliver);
    }

    /** After a reconnect: PUBLISH everything again on the new connection. */
    public void restore(Connection connection) {
        long deadline = System.nanoTime() + timeoutNanos;
        for (PublicationImpl pub : byAlias.values()) {
            pub.publishOn(connection, requests, deadline).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn(
                            "{} re-publishing '{}' on {} failed: {}",
                            LogId.REPUBLISH_FAILED,
                            pub.alias(),
                            connection.url(),
                            Requests.unwrap(e).getMessage());
                } else {
                    LOG.debug("re-published '{}' on {}", pub.alias(), connection.url());
                }
            });
        }
    }

    /** Forgets the publication and RESCINDs it on the current connection, waiting a bounded time for the ACK. */
    private void rescind(PublicationImpl pub) {
        byAlias.remove(pub.alias(), pub);
        CompletableFuture<Void> done = sendRescind(pub, System.nanoTime() + timeoutNanos);
        if (manager.onIoThread()) {
            return; // closed from a direct-executor handler: never block the thread that reads the ACK
        }
        try {
            Requests.await(done, System.nanoTime() + timeoutNanos);
        } catch (RuntimeException e) {
            LOG.debug("rescinding '{}' failed: {}", pub.alias(), e.getMessage());
        }
    }

    private CompletableFuture<Void> sendRescind(PublicationImpl pub, long deadline) {
        Connection c = manager.current();
        if (c == null || !c.channel().isActive()) {
            return CompletableFuture.completedFuture(null); // nothing published anywhere now
        }
        return requests.send(
                c, req -> new Rescind(req, pub.alias()), deadline, "RESCIND " + pub.alias(), Requests::expectAck);
    }

    /** On client close: rescind everything, waiting at most {@code maxWaitMs} in total. */
    public void rescindAll(long maxWaitMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (PublicationImpl pub : byAlias.values()) {
            byAlias.remove(pub.alias(), pub);
            acks.add(sendRescind(pub, deadline).exceptionally(e -> null));
        }
        try {
            Requests.await(CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0])), deadline);
        } catch (RuntimeException e) {
            LOG.debug("not every rescind was acknowledged: {}", e.getMessage());
        }
    }
}
