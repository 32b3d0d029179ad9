package io.switchboard.client;

import io.switchboard.client.internal.PayloadMapper;
import io.switchboard.protocol.message.Result;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The receipt of an async call ({@link Tickets#submit}): its {@link #id()} fetches the outcome from any
 * connection until it expires on the server ({@link Tickets#fetch}), and {@link #result(Class)} hears it
 * while the connection that submitted the call stays up. The ticket of a call submitted in an XA branch
 * ({@link XaBranches#submit}) answers {@link #result(Class)} only once the branch committed.
 */
public final class Ticket {

    private final String id;
    private final CompletableFuture<Result> notification;
    private final PayloadMapper payloads;
    /** For a call in an XA branch: whether this client committed the branch; null for a call outside any. */
    private final XaBranch branch;

    /** Made by the client when the server's TICKET arrives. */
    Ticket(String id, CompletableFuture<Result> notification, PayloadMapper payloads) {
        this(id, notification, payloads, null);
    }

    /** The ticket of a call submitted in {@code branch}. */
    Ticket(String id, CompletableFuture<Result> notification, PayloadMapper payloads, XaBranch branch) {
        this.id = Objects.requireNonNull(id, "id");
        this.notification = notification;
        this.payloads = payloads;
        this.branch = branch;
    }

    /** The ticket: keep it (e.g. in a database) to fetch the outcome later, from this or another client. */
    public String id() {
        return id;
    }

    /**
     * The call's outcome as the server notifies it while the submitting connection stays up. Fails with
     * {@link CallException} when the call did not end {@code ok}, with {@link ConnectionLostException} when the
     * connection dropped first (then {@link Tickets#fetch} it), or with a {@code timeout} shortly after the
     * call's deadline. Completes on the client's I/O thread.
     */
    public <T> CompletableFuture<T> result(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (branch != null && !branch.committed() && !notification.isDone()) {
            // Nothing to wait for yet: the call does not run before its transaction commits, and may never run.
            throw new IllegalStateException("ticket " + id + " is of a call in XA branch " + branch.xid()
                    + ", which this client has not committed: the call has not run. Ask for its result after the "
                    + "transaction commits (or fetch the ticket later)");
        }
        return notification.thenApply(result -> {
            if (!result.code().isOk()) {
                throw new CallException(result.code(), result.message());
            }
            return payloads.decode(result.payload(), type);
        });
    }

    @Override
    public String toString() {
        return "Ticket[" + id + "]";
    }
}
