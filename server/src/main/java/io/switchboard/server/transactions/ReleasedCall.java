package io.switchboard.server.transactions;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.tickets.IssuedTicket;
import java.util.concurrent.CompletableFuture;

/**
 * The caller of a call its branch's commit released: it stands for the ticket issued at submit. The ticket machinery
 * takes its RESULT ({@link io.switchboard.server.tickets.Tickets} replaces it before the call is forwarded), so
 * {@link #answer} is never reached in routing.
 */
record ReleasedCall(String ticketId, String user, Connection submitter, Codec codec, CompletableFuture<Void> saved)
        implements IssuedTicket {

    @Override
    public boolean isTextMode() {
        return false;
    }

    @Override
    public boolean isClosed() {
        return false;
    }

    @Override
    public void answer(Result result) {
        throw new IllegalStateException("a released call is answered through its ticket, not " + result);
    }
}
