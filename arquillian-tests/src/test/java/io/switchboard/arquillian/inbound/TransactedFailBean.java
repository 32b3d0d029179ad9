package io.switchboard.arquillian.inbound;

import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import org.jboss.ejb3.annotation.ResourceAdapter;

/** Transacted methods (container-managed REQUIRED) on a {@code fail} session: a rollback is never redelivered. */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = TransactedFailBean.ALIAS),
            @ActivationConfigProperty(propertyName = "policy", propertyValue = "fail"),
        })
@ResourceAdapter("switchboard.rar")
public class TransactedFailBean implements CallMethods {

    public static final String ALIAS = "it-tx-fail";

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Resource
    private MessageDrivenContext context;

    @CallMethod("book")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public String book(String key) {
        TransactionOutcomes.watch(transactions, key);
        throw new IllegalStateException("ledger locked for " + key);
    }

    /** Rolls back without an exception; its return value never reaches the caller. */
    @CallMethod("veto")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public String veto(String key) {
        TransactionOutcomes.watch(transactions, key);
        context.setRollbackOnly();
        return "vetoed " + key;
    }

    @CallMethod("commit")
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public String commit(String key) {
        TransactionOutcomes.watch(transactions, key);
        return "committed " + key;
    }

    /** Not transacted: how the transactions of {@code key} ended. */
    @CallMethod("outcomes")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<String> outcomes(String key) {
        return TransactionOutcomes.of(key);
    }
}
