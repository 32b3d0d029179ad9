package io.switchboard.jca.adapter.tx;

import io.switchboard.jca.api.Ticket;
import java.util.concurrent.CompletableFuture;

/**
 * The ticket of a call buffered in on-commit mode: the call is sent when the transaction commits, so until then
 * there is neither a ticket id nor an outcome. After the commit it answers as the server's ticket; after a rollback
 * (or a refusal at commit) it says the call was never sent, or why.
 */
public final class DeferredTicket implements Ticket {

    private final String call;
    private volatile Ticket sent;
    private volatile RuntimeException refused;
    private volatile boolean dropped;

    /** @param call the call, e.g. {@code orders.place}, for messages */
    public DeferredTicket(String call) {
        this.call = call;
    }

    /** The transaction committed and the call was sent: the server issued {@code ticket}. */
    public void sentAs(Ticket ticket) {
        sent = ticket;
    }

    /** The server refused the call when the transaction committed. */
    public void refused(RuntimeException why) {
        refused = why;
    }

    /** The transaction rolled back (or an earlier call's refusal failed the commit): the call is never sent. */
    public void dropped() {
        dropped = true;
    }

    @Override
    public String id() {
        Ticket ticket = sent;
        if (ticket != null) {
            return ticket.id();
        }
        throw notSent();
    }

    @Override
    public <T> CompletableFuture<T> result(Class<T> resultType) {
        Ticket ticket = sent;
        if (ticket != null) {
            return ticket.result(resultType);
        }
        RuntimeException why = refused;
        if (why != null) {
            return CompletableFuture.failedFuture(why);
        }
        throw notSent();
    }

    private IllegalStateException notSent() {
        RuntimeException why = refused;
        if (why != null) {
            return new IllegalStateException(
                    "the call " + call + " was refused when its transaction committed: " + why.getMessage(), why);
        }
        if (dropped) {
            return new IllegalStateException(
                    "the call " + call + " was never sent: its transaction rolled back (or did not commit)");
        }
        return new IllegalStateException("the call " + call + " is held until its transaction commits (on-commit "
                + "mode, LocalTransaction): it has no ticket and no outcome before then");
    }

    @Override
    public String toString() {
        Ticket ticket = sent;
        return ticket != null ? ticket.toString() : "Ticket[" + call + ", not sent]";
    }
}
