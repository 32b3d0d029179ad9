package io.switchboard.arquillian.support.tx;

import io.switchboard.jca.api.Ticket;
import java.time.Duration;
import java.util.List;

/**
 * What {@link TxServlet} asks of the suite's stateless bean (its local business interface; the bean extends {@link
 * SubmitterBase}). Every method takes the connector resource ({@code pool}, a name the suite's bean knows) and the
 * session to call, so the bean knows nothing of the tests.
 */
public interface Submitter {

    /** Submits one call per payload, in order, then commits; the tickets go back to the caller. */
    List<Ticket> submitAll(String pool, String alias, String method, List<String> payloads);

    /** Submits one call per payload, in order, then throws a system exception: the transaction rolls back. */
    void submitAllThenFail(String pool, String alias, String method, List<String> payloads);

    /** A call sent with no transaction around it: the marker that must arrive first when nothing else may. */
    void submitOutside(String pool, String alias, String method, String payload);

    /**
     * Submits one call and asks its ticket for the result and the id before the transaction commits; the ticket goes
     * back to the caller, who uses it after the commit.
     */
    TicketProbe submitAndProbe(String pool, String alias, String method, String payload);

    /** The outcome of a call by ticket id, from a connection of its own, outside any transaction. */
    String fetch(String pool, String ticketId, Duration wait);
}
