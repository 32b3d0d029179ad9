package io.switchboard.glassfish.tx;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transacted message-driven bean (container-managed, REQUIRED: the default) on a {@code hold} session with the
 * default {@code maxRedeliveries} of 1, bound to switchboard.rar by {@code WEB-INF/glassfish-ejb-jar.xml}: its first
 * delivery of a call fails, so the container rolls back and the adapter delivers the call again. A transaction
 * synchronization records how each of its transactions really ended.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = TransactedHoldBean.ALIAS),
            @ActivationConfigProperty(propertyName = "policy", propertyValue = "hold"),
        })
public class TransactedHoldBean implements CallMethods {

    public static final String ALIAS = "gf-tx-hold";

    private static final Map<String, List<String>> OUTCOMES = new ConcurrentHashMap<>();

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** Fails on its first delivery only. */
    @CallMethod("book")
    public String book(String key, Call call) {
        watch(key);
        if (call.deliveryCount() == 1) {
            throw new IllegalStateException("ledger locked for " + key);
        }
        return key + " booked on delivery " + call.deliveryCount();
    }

    /** Fails on every delivery. */
    @CallMethod("refuse")
    public String refuse(String key) {
        watch(key);
        throw new IllegalStateException("ledger closed for " + key);
    }

    /** Records how the current transaction ends under {@code key}. */
    private void watch(String key) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                OUTCOMES.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>())
                        .add(status == Status.STATUS_COMMITTED ? "committed" : "rolled back");
            }
        });
    }

    /** Not transacted: how the transactions of {@code key} ended. */
    @CallMethod("outcomes")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<String> outcomes(String key) {
        return List.copyOf(OUTCOMES.getOrDefault(key, List.of()));
    }
}
