package io.switchboard.glassfish.tx;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.jca.api.Ticket;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Submits async calls inside container-managed transactions ({@code REQUIRED}, the default, spelled out) through
 * one of the two transactional connector resources the test domain has: {@code eis/switchboard-xa} (pool created
 * {@code --transactionsupport XATransaction}) or {@code eis/switchboard-local} ({@code LocalTransaction}). Every
 * method takes the session to call, so the bean knows nothing of the tests.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class SubmitterBean {

    @Resource(lookup = "eis/switchboard-xa")
    SwitchboardConnectionFactory xa;

    @Resource(lookup = "eis/switchboard-local")
    SwitchboardConnectionFactory local;

    /** Submits one call per payload, in order, then commits; the tickets go back to the caller. */
    public List<Ticket> submitAll(String pool, String alias, String method, List<String> payloads) {
        List<Ticket> tickets = new ArrayList<>(payloads.size());
        try (SwitchboardConnection connection = factory(pool).getConnection()) {
            for (String payload : payloads) {
                tickets.add(connection.submit(alias, method, payload));
            }
        }
        return tickets;
    }

    /** Submits one call per payload, in order, then throws a system exception: the transaction rolls back. */
    public void submitAllThenFail(String pool, String alias, String method, List<String> payloads) {
        submitAll(pool, alias, method, payloads);
        throw new ForcedRollback("the bean fails after " + payloads.size() + " submits");
    }

    /** A call sent with no transaction around it: the marker that must arrive first when nothing else may. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void submitOutside(String pool, String alias, String method, String payload) {
        try (SwitchboardConnection connection = factory(pool).getConnection()) {
            connection.submit(alias, method, payload);
        }
    }

    /** The outcome of a call by ticket id, outside any transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String fetch(String pool, String ticketId, Duration wait) {
        try (SwitchboardConnection connection = factory(pool).getConnection()) {
            return connection.fetch(ticketId, String.class, wait);
        }
    }

    private SwitchboardConnectionFactory factory(String pool) {
        return switch (pool) {
            case "xa" -> xa;
            case "local" -> local;
            default -> throw new IllegalArgumentException("pool must be xa or local, not " + pool);
        };
    }
}
