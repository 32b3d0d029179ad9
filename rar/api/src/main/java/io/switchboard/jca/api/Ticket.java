package io.switchboard.jca.api;

import java.util.concurrent.CompletableFuture;

/**
 * The receipt of an async call ({@link SwitchboardConnection#submit}). Keep its {@link #id()} (e.g. in a database)
 * to {@link SwitchboardConnection#fetch fetch} the outcome later from any connection; {@link #result(Class)} hears the
 * outcome while the pooled connection that submitted the call stays up.
 *
 * <p>A call submitted inside a transaction does not run before the transaction commits, and never if it rolls back:
 * until then {@link #result(Class)} throws {@link IllegalStateException}, and so does {@link #id()} in on-commit mode
 * ({@code LocalTransaction}), where the call is not even sent before the commit.
 */
public interface Ticket {

    /**
     * The server's ticket id.
     *
     * @throws IllegalStateException in on-commit mode ({@code LocalTransaction}) before the transaction commits: the
     *                               call has not been sent, the server has issued no ticket yet
     */
    String id();

    /**
     * The call's outcome. The future completes with the result, or exceptionally with a {@link SwitchboardException}
     * (the call's failure; {@link ConnectionFailedException} when the submitting connection dropped first: then
     * fetch the ticket).
     *
     * @throws IllegalStateException before the transaction that submitted the call commits (the call has not run)
     */
    <T> CompletableFuture<T> result(Class<T> resultType);
}
