package io.switchboard.arquillian.support.tx;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.jca.api.Ticket;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The suites' {@link Submitter}: async calls submitted inside container-managed transactions ({@code REQUIRED}, the
 * default, spelled out), so what becomes of a call depends on the connector resource's transaction support. A
 * suite's {@code @Stateless @Local(Submitter.class)} subclass injects its container's connection factories and
 * answers {@link #factory}; the transaction attributes here apply to the methods defined here (EJB 3.2, 8.3.7.1).
 */
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public abstract class SubmitterBase implements Submitter {

    /** The connection factory {@code pool} names; a name the suite does not have is an IllegalArgumentException. */
    protected abstract SwitchboardConnectionFactory factory(String pool);

    @Override
    public List<Ticket> submitAll(String pool, String alias, String method, List<String> payloads) {
        List<Ticket> tickets = new ArrayList<>(payloads.size());
        try (SwitchboardConnection connection = factory(pool).getConnection()) {
            for (String payload : payloads) {
                tickets.add(connection.submit(alias, method, payload));
            }
        }
        return tickets;
    }

    @Override
    public void submitAllThenFail(String pool, String alias, String method, List<String> payloads) {
        submitAll(pool, alias, method, payloads);
        throw new ForcedRollback("the bean fails after " + payloads.size() + " submits");
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void submitOutside(String pool, String alias, String method, String payload) {
        try (SwitchboardConnection connection = factory(pool).getConnection()) {
            connection.submit(alias, method, payload);
        }
    }

    @Override
    public TicketProbe submitAndProbe(String pool, String alias, String method, String payload) {
        try (SwitchboardConnection connection = factory(pool).getConnection()) {
            Ticket ticket = connection.submit(alias, method, payload);
            String resultInside = attempt(() -> ticket.result(String.class));
            String idInside = attempt(ticket::id);
            return new TicketProbe(resultInside, idInside, ticket);
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String fetch(String pool, String ticketId, Duration wait) {
        try (SwitchboardConnection connection = factory(pool).getConnection()) {
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
