package io.switchboard.benchmarks.ejb.app;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/**
 * The submit workload's bean ({@code benchmarks/run ejb --tx=...}): one container-managed ({@code REQUIRED})
 * transaction per invocation, in which it borrows a pooled connection and submits one async echo call. With the
 * adapter's transaction-support {@code XATransaction} the connection is enlisted and the call goes out in the
 * transaction's XA branch (committed in one phase: the adapter is the only resource); with {@code NoTransaction}
 * the same submit is an ordinary async call and the transaction has no resource. The call runs at the publisher
 * after the invocation returns; its outcome is not waited for.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class SubmitInTransaction {

    @Resource(lookup = "java:/switchboard/Default")
    private SwitchboardConnectionFactory connections;

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
}
