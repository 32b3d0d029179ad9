package io.switchboard.client;

import io.switchboard.client.internal.Calls;
import io.switchboard.client.internal.Requests;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** {@link Tickets} over one client's connection. */
final class ClientTickets implements Tickets {

    private final SwitchboardClient client;
    private final Calls calls;

    ClientTickets(SwitchboardClient client, Calls calls) {
        this.client = client;
        this.calls = calls;
    }

    @Override
    public Ticket submit(String alias, String method, Object payload) {
        return submit(alias, method, payload, CallOptions.builder().build());
    }

    @Override
    public Ticket submit(String alias, String method, Object payload, CallOptions callOptions) {
        client.refuseOnIoThread("submit");
        long deadline = client.deadline(client.timeoutOf(callOptions));
        return Requests.await(submitAsync(alias, method, payload, callOptions, deadline), deadline);
    }

    @Override
    public CompletableFuture<Ticket> submitAsync(String alias, String method, Object payload) {
        return submitAsync(alias, method, payload, CallOptions.builder().build());
    }

    @Override
    public CompletableFuture<Ticket> submitAsync(String alias, String method, Object payload, CallOptions callOptions) {
        return submitAsync(alias, method, payload, callOptions, client.deadline(client.timeoutOf(callOptions)));
    }

    private CompletableFuture<Ticket> submitAsync(
            String alias, String method, Object payload, CallOptions callOptions, long deadline) {
        PublishOptions.checkName(alias, "alias");
        PublishOptions.checkName(method, "method");
        return calls.submit(alias, method, payload, callOptions.meta(), deadline)
                .thenApply(s -> new Ticket(s.ticket(), s.notification(), s.payloads()));
    }

    @Override
    public <T> T fetch(String ticket, Class<T> type, Duration wait) {
        client.refuseOnIoThread("fetch");
        long deadline = fetchDeadline(wait);
        return Requests.await(fetchAsync(ticket, type, wait, deadline), deadline);
    }

    @Override
    public <T> CompletableFuture<T> fetchAsync(String ticket, Class<T> type, Duration wait) {
        return fetchAsync(ticket, type, wait, fetchDeadline(wait));
    }

    private <T> CompletableFuture<T> fetchAsync(String ticket, Class<T> type, Duration wait, long deadline) {
        PublishOptions.checkName(ticket, "ticket");
        Objects.requireNonNull(type, "type");
        return calls.fetch(ticket, type, Math.min(wait.toMillis(), 0xFFFF_FFFFL), deadline);
    }

    /** The server may wait {@code wait}; the answer then needs up to a call timeout more. */
    private long fetchDeadline(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative, not " + wait);
        }
        return client.deadline(wait.plus(client.options().callTimeout()));
    }
}
