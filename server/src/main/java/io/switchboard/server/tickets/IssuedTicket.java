package io.switchboard.server.tickets;

import io.switchboard.server.routing.Caller;
import io.switchboard.server.routing.Connection;
import java.util.concurrent.CompletableFuture;

/**
 * The caller of an async call whose ticket was issued before the call runs: a call of an XA branch, released when
 * the branch commits (docs/transactions.md). {@link Tickets} stores its outcome under that ticket instead of issuing
 * one; the caller's codec is the one the payload is in.
 */
public interface IssuedTicket extends Caller {

    String ticketId();

    /** The submitting user, who may FETCH the ticket; null without authentication. */
    String user();

    /** The connection to notify of the outcome (a RESULT under the DELIVER's id), or null when none listens. */
    Connection submitter();

    /** The write that stored the ticket; the outcome is stored after it. */
    CompletableFuture<Void> saved();
}
