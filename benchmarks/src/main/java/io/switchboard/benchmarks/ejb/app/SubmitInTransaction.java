package io.switchboard.benchmarks.ejb.app;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

/**
 * The submit workload's bean ({@code benchmarks/run ejb --tx=...}): one container-managed ({@code REQUIRED})
 * transaction per invocation, in which it borrows a pooled connection and submits one async echo call. With the
 * adapter's transaction-support {@code XATransaction} the connection is enlisted and the call goes out in the
 * transaction's XA branch (committed in one phase: the adapter is the only resource); with {@code NoTransaction}
 * the same submit is an ordinary async call and the transaction has no resource. {@link #submitBesideAnother}
 * ({@code --tx=xa-2pc}) also enlists a {@link NoOpXaResource}, so the transaction has two resources and commits in
 * two phases. The call runs at the publisher after the invocation returns; its outcome is not waited for.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class SubmitInTransaction {

    @Resource(lookup = "java:/switchboard/Default")
    private SwitchboardConnectionFactory connections;

    @Resource(lookup = "java:/TransactionManager")
    private TransactionManager transactionManager;

    private String alias;
    private String method;

    @PostConstruct
    void target() {
        alias = BenchTarget.alias();
        method = BenchTarget.method();
    }

    /** Returns the ticket id (the transaction commits when this returns). */
    public String submit(byte[] payload) {
        try (SwitchboardConnection connection = connections.getConnection()) {
            return connection.submit(alias, method, payload).id();
        }
    }

    /**
     * As {@link #submit}, with a {@link NoOpXaResource} enlisted first in the same transaction: two resources, so
     * the commit is two-phase (with {@code XATransaction}: the adapter's branch prepared, Narayana's log written,
     * the branch committed).
     */
    public String submitBesideAnother(byte[] payload) {
        try {
            if (!transactionManager.getTransaction().enlistResource(new NoOpXaResource())) {
                throw new IllegalStateException("the transaction refused the no-op second resource");
            }
        } catch (RollbackException | SystemException e) {
            throw new IllegalStateException("could not enlist the no-op second resource", e);
        }
        return submit(payload);
    }
}
