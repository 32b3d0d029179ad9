package io.switchboard.arquillian.tx;

import io.switchboard.arquillian.support.tx.ForcedRollback;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * A JPA write on WildFly's {@code ExampleDS} and a submit through the {@code Default} connection definition in one
 * container-managed transaction ({@code REQUIRED}, the default, spelled out).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class PlacedOrdersBean {

    @Resource(lookup = "java:/switchboard/Default")
    SwitchboardConnectionFactory switchboard;

    @PersistenceContext(unitName = "orders")
    EntityManager orders;

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
}
