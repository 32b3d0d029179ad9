package io.switchboard.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Async calls: submit a call and get a {@link Ticket} at once, fetch its outcome later from any client. Get it with
 * {@link SwitchboardClient#tickets()}.
 */
public interface Tickets {

    /**
     * Submits an async call and waits (at most the default call timeout) for its {@link Ticket}. The call runs on
     * the server whatever this client does next; its outcome is kept there (for the server's ticket expiry, an hour
     * by default) for {@link #fetch} from any client, and {@link Ticket#result(Class)} hears it while this
     * connection stays up.
     *
     * @throws CallException when the server refuses the call at once ({@code no-such-session}, {@code
     *                       unknown-method}, {@code busy}, ...)
     */
    Ticket submit(String alias, String method, Object payload);

    /** As {@link #submit(String, String, Object)}, with the headers and timeout (the call's deadline) of the options. */
    Ticket submit(String alias, String method, Object payload, CallOptions callOptions);

    /** As {@link #submit(String, String, Object)}, without blocking. */
    CompletableFuture<Ticket> submitAsync(String alias, String method, Object payload);

    /** As {@link #submit(String, String, Object, CallOptions)}, without blocking. */
    CompletableFuture<Ticket> submitAsync(String alias, String method, Object payload, CallOptions callOptions);

    /**
     * The outcome of an async call, from this or any other client, mapped to {@code type}. The server waits up to
     * {@code wait} (at most its max timeout) for a call that has not ended; {@link Duration#ZERO} asks without
     * waiting.
     *
     * @throws CallException with code {@code pending} when the call has not ended within {@code wait},
     *                       {@code no-such-ticket} when the server does not know the ticket (never issued, or
     *                       expired), or the call's own failure code
     */
    <T> T fetch(String ticket, Class<T> type, Duration wait);

    /** As {@link #fetch(String, Class, Duration)}, without blocking. */
    <T> CompletableFuture<T> fetchAsync(String ticket, Class<T> type, Duration wait);
}
