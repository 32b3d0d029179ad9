package io.switchboard.server.tickets;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Caller;
import io.switchboard.server.routing.Connection;
import java.util.concurrent.CompletableFuture;

/**
 * The caller of an async call as the router sees it: it stays "open" whatever the submitting connection does, so
 * the router always hands it the call's one RESULT, which is then stored under the ticket. Payloads are asked for in
 * the submitter's codec, so the notification to a submitter that is still connected needs no second conversion.
 */
final class TicketCaller implements Caller {

    private final Tickets tickets;
    final String ticketId;
    /** The called alias: a FETCH of the ticket needs {@code call} on it, unless from the submitting user. */
    final String alias;
    /** The connection that submitted the call; notified if still open when the outcome is stored. */
    final Connection submitter;
    /** The ticket's write: the outcome is stored after it, or sent as a plain RESULT if it failed. */
    final CompletableFuture<Void> saved;

    TicketCaller(Tickets tickets, String ticketId, String alias, Connection submitter, CompletableFuture<Void> saved) {
        this.tickets = tickets;
        this.ticketId = ticketId;
        this.alias = alias;
        this.submitter = submitter;
        this.saved = saved;
    }

    @Override
    public Codec codec() {
        return submitter.codec();
    }

    @Override
    public boolean isTextMode() {
        return submitter.isTextMode();
    }

    /** Never closed: the outcome is wanted even when nobody is connected to hear it now. */
    @Override
    public boolean isClosed() {
        return false;
    }

    @Override
    public void answer(Result result) {
        tickets.completed(this, result);
    }
}
