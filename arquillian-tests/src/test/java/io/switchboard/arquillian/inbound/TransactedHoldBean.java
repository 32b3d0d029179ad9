package io.switchboard.arquillian.inbound;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Transacted methods (container-managed, REQUIRED: the default) on a {@code hold} session with the default
 * {@code maxRedeliveries} of 1: a call whose transaction rolls back is delivered once more.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = TransactedHoldBean.ALIAS),
            @ActivationConfigProperty(propertyName = "policy", propertyValue = "hold"),
        })
@ResourceAdapter("switchboard.rar")
public class TransactedHoldBean implements CallMethods {

    public static final String ALIAS = "it-tx-hold";

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** Fails on its first delivery only: the container rolls the transaction back, the adapter delivers it again. */
    @CallMethod("book")
    public String book(String key, Call call) {
        TransactionOutcomes.watch(transactions, key);
        if (call.deliveryCount() == 1) {
            throw new IllegalStateException("ledger locked for " + key);
        }
        return key + " booked on delivery " + call.deliveryCount();
    }

    /** Fails on every delivery. */
    @CallMethod("refuse")
    public String refuse(String key) {
        TransactionOutcomes.watch(transactions, key);
        throw new IllegalStateException("ledger closed for " + key);
    }

    /** Not transacted: how the transactions of {@code key} ended. */
    @CallMethod("outcomes")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<String> outcomes(String key) {
        return TransactionOutcomes.of(key);
    }
}
