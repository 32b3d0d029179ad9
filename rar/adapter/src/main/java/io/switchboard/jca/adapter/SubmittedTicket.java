package io.switchboard.jca.adapter;

import io.switchboard.jca.api.Ticket;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The API's view of a ticket the server issued ({@code io.switchboard.client.Ticket}): the same id, and the outcome
 * with the client's failures mapped to the API's exceptions. The client's ticket already refuses {@code result()}
 * (IllegalStateException) for a call of an XA branch this client has not committed.
 */
final class SubmittedTicket implements Ticket {

    private final io.switchboard.client.Ticket issued;

    SubmittedTicket(io.switchboard.client.Ticket issued) {
        this.issued = Objects.requireNonNull(issued, "issued");
    }

    @Override
    public String id() {
        return issued.id();
    }

    @Override
    public <T> CompletableFuture<T> result(Class<T> resultType) {
        CompletableFuture<T> mapped = new CompletableFuture<>();
        issued.result(resultType).whenComplete((value, error) -> {
            if (error == null) {
                mapped.complete(value);
            } else {
                mapped.completeExceptionally(ExceptionMapper.map(error));
            }
        });
        return mapped;
    }

    @Override
    public String toString() {
        return "Ticket[" + issued.id() + "]";
    }
}
