package io.switchboard.arquillian.tx;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.jca.api.Ticket;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Submits async calls through the {@code Default} connection definition inside container-managed transactions
 * ({@code REQUIRED}, the default, spelled out): what the call's fate is depends on the definition's
 * transaction-support, which the test's setup task chose. Every method takes the session to call, so the bean knows
 * nothing of the tests.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class SubmitterBean {

    @Resource(lookup = "java:/switchboard/Default")
    SwitchboardConnectionFactory switchboard;

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

    /** Submits one call per payload, in order, then commits. */
    public void submitAll(String alias, String method, List<String> payloads) {
        try (SwitchboardConnection connection = switchboard.getConnection()) {
            for (String payload : payloads) {
                connection.submit(alias, method, payload);
            }
        }
    }

    /** Submits one call per payload, in order, then throws a system exception: the transaction rolls back. */
    public void submitAllThenFail(String alias, String method, List<String> payloads) {
        submitAll(alias, method, payloads);
        throw new ForcedRollback("the bean fails after " + payloads.size() + " submits");
    }

    /**
     * Writes the order's row and submits a call carrying its id in one transaction; {@code fail} then throws, which
     * rolls both back.
     */
    public void placeOrder(String orderId, String alias, String method, boolean fail) {
        orders.persist(new PlacedOrder(orderId));
        orders.flush(); // the INSERT runs now, inside the transaction, not at commit
        try (SwitchboardConnection connection = switchboard.getConnection()) {
            connection.submit(alias, method, orderId);
        }
        if (fail) {
            throw new ForcedRollback("the order " + orderId + " fails after its write and its submit");
        }
    }

    /** Whether the order's row is in the database (read in a transaction of its own). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean orderExists(String orderId) {
        return orders.find(PlacedOrder.class, orderId) != null;
    }

    /**
     * Submits one call and asks its ticket for the result and the id before the transaction commits; the ticket
     * goes back to the caller, who uses it after the commit.
     */
    public TicketProbe submitAndProbe(String alias, String method, String payload) {
        try (SwitchboardConnection connection = switchboard.getConnection()) {
            Ticket ticket = connection.submit(alias, method, payload);
            String resultInside = attempt(() -> ticket.result(String.class));
            String idInside = attempt(ticket::id);
            return new TicketProbe(resultInside, idInside, ticket);
        }
    }

    /** A call sent with no transaction around it: the marker that must arrive first when nothing else may. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void submitOutside(String alias, String method, String payload) {
        try (SwitchboardConnection connection = switchboard.getConnection()) {
            connection.submit(alias, method, payload);
        }
    }

    /** The outcome of a call by ticket id, from a connection of its own, outside any transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String fetch(String ticketId, Duration wait) {
        try (SwitchboardConnection connection = switchboard.getConnection()) {
            return connection.fetch(ticketId, String.class, wait);
        }
    }

    private static String attempt(Supplier<?> step) {
        try {
            step.get();
            return "returned";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
