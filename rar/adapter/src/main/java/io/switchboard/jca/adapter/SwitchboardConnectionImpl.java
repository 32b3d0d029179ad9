package io.switchboard.jca.adapter;

import io.switchboard.client.CallOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.jca.api.BroadcastResult;
import io.switchboard.jca.api.PublisherResult;
import io.switchboard.jca.api.SessionDescription;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.Ticket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A handle on a pooled {@link SwitchboardManagedConnection}: what {@code getConnection()} returns. Every request
 * goes to the managed connection it is associated with now (the container may move it with
 * {@code associateConnection}). Once closed by the application, or invalidated by the container's
 * {@code cleanup()}/{@code destroy()}, every method but {@link #close()} throws {@link IllegalStateException}.
 */
public class SwitchboardConnectionImpl implements SwitchboardConnection {

    private volatile SwitchboardManagedConnection managed;
    private volatile boolean closed;

    SwitchboardConnectionImpl(SwitchboardManagedConnection managed) {
        this.managed = managed;
    }

    @Override
    public <T> T call(String alias, String method, Object payload, Class<T> resultType) {
        return request(client -> client.call(alias, method, payload, resultType));
    }

    @Override
    public <T> T call(String alias, String method, Object payload, Class<T> resultType, Duration timeout) {
        return request(client -> client.call(alias, method, payload, resultType, timeout));
    }

    @Override
    public <T> CompletableFuture<T> callAsync(String alias, String method, Object payload, Class<T> resultType) {
        return open().callAsync(client -> client.callAsync(alias, method, payload, resultType));
    }

    @Override
    public <T> CompletableFuture<T> callAsync(
            String alias, String method, Object payload, Class<T> resultType, Duration timeout) {
        return open().callAsync(client -> client.callAsync(alias, method, payload, resultType, timeout));
    }

    @Override
    public <T> List<PublisherResult<T>> callAll(String alias, String method, Object payload, Class<T> resultType) {
        return request(client -> publisherResults(client.callAll(alias, method, payload, resultType)));
    }

    @Override
    public <T> List<PublisherResult<T>> callAll(
            String alias, String method, Object payload, Class<T> resultType, Duration timeout) {
        CallOptions options = CallOptions.builder().timeout(timeout).build();
        return request(client -> publisherResults(client.callAll(alias, method, payload, resultType, options)));
    }

    private static <T> List<PublisherResult<T>> publisherResults(
            List<io.switchboard.client.PublisherResult<T>> results) {
        return results.stream()
                .map(r -> new PublisherResult<>(r.publisher(), r.code().wireName(), r.message(), r.value()))
                .toList();
    }

    @Override
    public Ticket submit(String alias, String method, Object payload) {
        return open().submit(alias, method, payload, null);
    }

    @Override
    public Ticket submit(String alias, String method, Object payload, Duration timeout) {
        return open().submit(
                        alias,
                        method,
                        payload,
                        CallOptions.builder().timeout(timeout).build());
    }

    @Override
    public <T> T fetch(String ticketId, Class<T> resultType, Duration wait) {
        return request(client -> client.tickets().fetch(ticketId, resultType, wait));
    }

    @Override
    public List<SessionDescription> list() {
        return request(client -> client.list().stream()
                .map(s -> new SessionDescription(s.alias(), s.methods(), s.idempotent(), s.publishers()))
                .toList());
    }

    @Override
    public Duration ping() {
        return request(SwitchboardClient::ping);
    }

    // Front-door sends: inside a transaction held until its commit (docs/transactions.md).

    @Override
    public void send(String lineId, String text) {
        open().frontDoor(
                        "send to line " + lineId,
                        client -> {
                            client.lines().send(lineId, text);
                            return null;
                        },
                        null);
    }

    @Override
    public void send(String lineId, byte[] bytes) {
        open().frontDoor(
                        "send to line " + lineId,
                        client -> {
                            client.lines().send(lineId, bytes);
                            return null;
                        },
                        null);
    }

    @Override
    public CompletableFuture<Void> sendAsync(String lineId, String text) {
        return open().frontDoorAsync(
                        "send to line " + lineId, client -> client.lines().sendAsync(lineId, text));
    }

    @Override
    public void closeLine(String lineId, String reason) {
        open().frontDoor(
                        "close of line " + lineId,
                        client -> {
                            client.lines().close(lineId, reason);
                            return null;
                        },
                        null);
    }

    @Override
    public void setLineAttributes(String lineId, Map<String, String> attributes) {
        // Maybe held until a commit: a copy, the caller may reuse its map. Null goes on to the client's own check.
        Map<String, String> copy = attributes == null ? null : new java.util.HashMap<>(attributes);
        open().frontDoor(
                        "attributes of line " + lineId,
                        client -> {
                            client.lines().setAttributes(lineId, copy);
                            return null;
                        },
                        null);
    }

    @Override
    public BroadcastResult broadcast(Collection<String> lineIds, String text) {
        List<String> lines = lineIds == null ? null : new java.util.ArrayList<>(lineIds); // as above
        return open().frontDoor(
                        "broadcast to " + (lines == null ? 0 : lines.size()) + " line(s)",
                        client -> result(client.lines().broadcast(lines, text)),
                        HELD);
    }

    @Override
    public BroadcastResult broadcastAll(String frontDoor, String text) {
        return open().frontDoor(
                        "broadcast to front door " + frontDoor,
                        client -> result(client.lines().broadcastAll(frontDoor, text)),
                        HELD);
    }

    /** What a broadcast held until a commit answers: nothing sent yet, nothing known missing. */
    private static final BroadcastResult HELD = new BroadcastResult(0, List.of());

    private static BroadcastResult result(io.switchboard.client.BroadcastResult sent) {
        return new BroadcastResult(sent.sent(), sent.missing());
    }

    /**
     * Whether the physical connection under this handle answers a ping within {@code timeoutSeconds} (0: the
     * connection definition's {@code validationTimeoutMillis}); a closed handle is not valid. Not part of the API:
     * WildFly's XA recovery (IronJacamar's {@code DefaultRecoveryPlugin}) asks a handle of its recovery connection
     * this, by reflection, before each use. Without the method it takes every recovery connection for broken and
     * destroys it, and with it the XAResource the transaction manager is about to commit through.
     */
    public boolean isValid(int timeoutSeconds) {
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds cannot be negative: " + timeoutSeconds);
        }
        if (closed) {
            return false;
        }
        SwitchboardManagedConnection current = managed;
        return current.ping(timeoutSeconds == 0 ? current.validationTimeout() : Duration.ofSeconds(timeoutSeconds));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        managed.handleClosed(this);
    }

    private <T> T request(Function<SwitchboardClient, T> request) {
        return open().call(request);
    }

    private SwitchboardManagedConnection open() {
        if (closed) {
            throw new IllegalStateException(
                    "this Switchboard connection is closed; get a new one from the " + "connection factory");
        }
        return managed;
    }

    /** The container moved this handle to {@code target}. */
    synchronized void associateWith(SwitchboardManagedConnection target) {
        SwitchboardManagedConnection previous = managed;
        if (previous != target) {
            previous.detach(this);
            managed = target;
        }
        target.attach(this);
    }

    /** The container cleaned up or destroyed the managed connection under this handle. */
    void invalidate() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "SwitchboardConnection[" + (closed ? "closed" : managed.toString()) + "]";
    }
}
