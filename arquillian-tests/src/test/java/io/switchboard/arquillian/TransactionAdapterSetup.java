package io.switchboard.arquillian;

import java.util.Map;
import org.jboss.dmr.ModelNode;

/**
 * The adapter of a transaction test class: {@link AdapterSetup} with the given transaction-support and a connect
 * timeout that a loaded machine does not miss. These tests fail nothing on purpose, so a slow connect must not
 * fail them: under a load average of 15 on two cores, connecting within AdapterSetup's 2 s (meant for the outage
 * tests) failed now and then.
 */
abstract class TransactionAdapterSetup extends AdapterSetup {

    private final String transactionSupport;

    TransactionAdapterSetup(String transactionSupport) {
        this.transactionSupport = transactionSupport;
    }

    @Override
    String transactionSupport() {
        return transactionSupport;
    }

    @Override
    void adjust(Map<String, ModelNode> poolAttributes, Map<String, String> configProperties) {
        configProperties.put("connectTimeoutMillis", "10000");
    }
}
