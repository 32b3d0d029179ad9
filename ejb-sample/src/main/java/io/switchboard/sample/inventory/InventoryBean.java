package io.switchboard.sample.inventory;

import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import java.util.List;

/**
 * Publishes session {@value #ALIAS} on the Switchboard server the resource adapter points at: each annotated
 * method is a method of the session, its parameter bound from the call's payload and its return value the result.
 * A {@link StockException} (out of stock, unknown article) reaches the caller as a {@code handler-error} with its
 * message.
 */
@MessageDriven(
        activationConfig = @ActivationConfigProperty(propertyName = "alias", propertyValue = InventoryBean.ALIAS))
public class InventoryBean implements CallMethods {

    public static final String ALIAS = "inventory";

    @EJB
    Stock stock;

    @CallMethod("reserve")
    public StockLevel reserve(Reservation reservation) {
        return stock.reserve(reservation);
    }

    @CallMethod("release")
    public StockLevel release(Reservation reservation) {
        return stock.release(reservation);
    }

    /** Only reads: safe to run twice, so the server may re-route it when a publisher is lost mid-call. */
    @CallMethod(value = "levels", idempotent = true)
    public List<StockLevel> levels() {
        return stock.levels();
    }
}
