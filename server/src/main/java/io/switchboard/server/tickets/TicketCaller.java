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
    /**
     * The connection that submitted the call; notified if still open when the outcome is stored. Null for a call
     * released by an XA commit whose submitter is gone (another connection, or before a restart).
     */
    final Connection submitter;
    /** The submitting user (null without authentication): may FETCH the ticket. */
    final String user;
    /** The ticket's write: the outcome is stored after it, or sent as a plain RESULT if it failed. */
    final CompletableFuture<Void> saved;

    private final Codec codec;
    private final boolean textMode;

    TicketCaller(Tickets tickets, String ticketId, String alias, Connection submitter, CompletableFuture<Void> saved) {
        this(tickets, ticketId, alias, submitter, submitter.grants().user(), submitter, saved);
    }

    /** @param payloads whose codec the call's payload is in, and the outcome is kept in */
    TicketCaller(
            Tickets tickets,
            String ticketId,
            String alias,
            Connection submitter,
            String user,
            Caller payloads,
            CompletableFuture<Void> saved) {
        this.tickets = tickets;
        this.ticketId = ticketId;
        this.alias = alias;
        this.submitter = submitter;
        this.user = user;
        this.saved = saved;
        this.codec = payloads.codec();
        this.textMode = payloads.isTextMode();
    }

    /** Whether a submitter is connected to hear the outcome now. */
    boolean submitterListens() {
        return submitter != null && !submitter.isClosed();
    }

    @Override
    public Codec codec() {
        return codec;
    }

    @Override
    public boolean isTextMode() {
        return textMode;
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
