package io.switchboard.jca.api;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on a pooled connection to a Switchboard server. Cheap to obtain and to close: {@link #close()}
 * returns the physical connection to the pool. Not meant to be shared between threads; obtain one per use.
 *
 * <p>Payloads and results are mapped with Jackson: POJOs, records, {@code JsonNode}, {@code String}, numbers,
 * and {@code byte[]} (as a binary value). Every failure is a {@link SwitchboardException}; the subclass says
 * which outcome it was.
 */
public interface SwitchboardConnection extends AutoCloseable {

    /**
     * Calls {@code method} of the session published as {@code alias} and waits for its result, at most the
     * connection definition's call timeout.
     *
     * @param resultType the type the result payload is mapped to ({@code Void.class} to ignore it)
     * @throws SessionNotFoundException, UnknownMethodException, CallTimeoutException, HandlerFailedException,
     *         PublisherLostException, ServerBusyException, ServerShuttingDownException, BadRequestException,
     *         ConnectionFailedException: see each type
     */
    <T> T call(String alias, String method, Object payload, Class<T> resultType);

    /** As {@link #call(String, String, Object, Class)} with its own deadline. */
    <T> T call(String alias, String method, Object payload, Class<T> resultType, Duration timeout);

    /**
     * Starts a call and returns at once. The future completes with the result or exceptionally with a
     * {@link SwitchboardException}, at the latest when the call timeout passes; it stays valid after this
     * handle is closed.
     */
    <T> CompletableFuture<T> callAsync(String alias, String method, Object payload, Class<T> resultType);

    /** As {@link #callAsync(String, String, Object, Class)} with its own deadline. */
    <T> CompletableFuture<T> callAsync(
            String alias, String method, Object payload, Class<T> resultType, Duration timeout);

    /**
     * Scatter-gather: calls {@code method} on every publisher of {@code alias} connected now and waits for all of
     * them, at most the connection definition's call timeout. A publisher that has not answered by then is a
     * {@code timeout} result; a publisher's failure is a result too, not an exception.
     *
     * @return every publisher's result, in the order they answered
     * @throws SessionNotFoundException when no publisher of the alias is connected; UnknownMethodException,
     *         BadRequestException, ServerShuttingDownException, ConnectionFailedException: see each type
     */
    <T> List<PublisherResult<T>> callAll(String alias, String method, Object payload, Class<T> resultType);

    /** As {@link #callAll(String, String, Object, Class)} with its own deadline for the whole call. */
    <T> List<PublisherResult<T>> callAll(
            String alias, String method, Object payload, Class<T> resultType, Duration timeout);

    // ---- async calls by ticket (docs/resource-adapter.md, docs/transactions.md) ----

    /**
     * Submits an async call and returns its ticket once the server issued it: the call runs on the server whatever
     * this application does next, its outcome is kept there for {@link #fetch} from any connection. The call's
     * deadline is the connection definition's call timeout.
     *
     * <p>Inside a JTA transaction the call follows the connection definition's transaction support:
     * {@code XATransaction}: sent at once in the transaction's XA branch, run only after the transaction commits;
     * {@code LocalTransaction}: buffered and sent when the transaction commits (on-commit mode; the ticket's
     * {@link Ticket#id()} is known only then); {@code NoTransaction}: sent and run at once.
     *
     * @throws SessionNotFoundException, UnknownMethodException, ServerBusyException, BadRequestException,
     *         ConnectionFailedException: the server refused the call (inside a transaction: mark it rollback-only)
     */
    Ticket submit(String alias, String method, Object payload);

    /** As {@link #submit(String, String, Object)} with its own deadline (counted from the commit in a transaction). */
    Ticket submit(String alias, String method, Object payload, Duration timeout);

    /**
     * The outcome of an async call by its ticket id, submitted on any connection; waits up to {@code wait} (at most
     * the server's maximum timeout) for a call that has not ended, {@link Duration#ZERO} asks without waiting.
     *
     * @throws SwitchboardException with code {@code pending} when the call has not ended within {@code wait},
     *         {@code no-such-ticket} when the server does not know the ticket (never issued, or expired); the call's
     *         own failure as its typed exception ({@link HandlerFailedException}, {@link CallTimeoutException}, ...)
     */
    <T> T fetch(String ticketId, Class<T> resultType, Duration wait);

    /** The sessions published on the server now, sorted by alias. */
    List<SessionDescription> list();

    /** Sends a ping and returns the round-trip time. */
    Duration ping();

    // ---- front door lines (docs/front-door.md): push to end users connected to the server ----

    /**
     * Sends {@code text} to a front door line.
     *
     * @throws LineNotFoundException when the line is not open (the user left)
     */
    void send(String lineId, String text);

    /** Sends {@code bytes} to a front door line as binary (a WebSocket binary frame; raw bytes on tcp). */
    void send(String lineId, byte[] bytes);

    /** As {@link #send(String, String)} without waiting; the future fails with {@link LineNotFoundException} etc. */
    CompletableFuture<Void> sendAsync(String lineId, String text);

    /**
     * Closes a front door line, telling the user {@code reason}; its handler gets the disconnect event.
     *
     * @throws LineNotFoundException when the line is not open
     */
    void closeLine(String lineId, String reason);

    /**
     * Changes attributes of a front door line: the server keeps them with the line and gives them back with every
     * later event and welcome-back ({@code Line.attributes()}), so they survive this application's crash or
     * redeploy. A value sets that attribute, a null value removes it, attributes not named stay. At most 16 per
     * line, names up to 64 UTF-8 bytes, names and values up to 4096 UTF-8 bytes per line; a change over a bound is
     * refused whole.
     *
     * @param attributes names to values or to null (a map that allows null values, e.g. a {@code HashMap})
     * @throws LineNotFoundException when the line is not open
     */
    void setLineAttributes(String lineId, Map<String, String> attributes);

    /** Sends {@code text} to each of these lines; those not open are listed in the result, not an error. */
    BroadcastResult broadcast(Collection<String> lineIds, String text);

    /** Sends {@code text} to every open line of the front door named {@code frontDoor}. */
    BroadcastResult broadcastAll(String frontDoor, String text);

    /** Returns the connection to the pool. Idempotent; the handle is unusable afterwards. */
    @Override
    void close();
}
