package io.switchboard.arquillian;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.as.arquillian.api.ServerSetupTask;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;

/**
 * Before a test class deploys anything: archive validation with fail-on-warn, the test Switchboard server running,
 * and the resource adapter (its {@code serverUrls} pointing message-driven beans at the test server, and the default
 * adapter of message-driven beans) with its {@code Default} connection definition created through the management
 * model.
 * Subclasses adjust the pool attributes and config properties; after the class it is all removed again.
 */
abstract class AdapterSetup implements ServerSetupTask {

    /** The call timeout every test configures; failures during an outage must come well before it. */
    static final long CALL_TIMEOUT_MILLIS = 15_000;

    /** Pool attributes common to all tests; override {@link #adjust} to change them. */
    Map<String, ModelNode> poolAttributes() {
        Map<String, ModelNode> attributes = new LinkedHashMap<>();
        attributes.put("min-pool-size", new ModelNode(0));
        attributes.put("max-pool-size", new ModelNode(10));
        attributes.put("blocking-timeout-wait-millis", new ModelNode(5_000L));
        attributes.put("validate-on-match", new ModelNode(true));
        return attributes;
    }

    /** The resource adapter's own properties: message-driven beans publish on the test server unless told otherwise. */
    Map<String, String> adapterProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("serverUrls", TestSwitchboard.get().tcpUrl());
        return properties;
    }

    Map<String, String> configProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("serverUrls", TestSwitchboard.get().tcpUrl());
        properties.put("clientName", "arquillian-tests");
        properties.put("callTimeoutMillis", Long.toString(CALL_TIMEOUT_MILLIS));
        properties.put("connectTimeoutMillis", "2000");
        properties.put("pingTimeout", "0");
        properties.put("validationTimeoutMillis", "1000");
        return properties;
    }

    /** The adapter's {@code transaction-support}; transaction tests override it. */
    String transactionSupport() {
        return "NoTransaction";
    }

    /** The place for a test class to change {@link #poolAttributes()} and {@link #configProperties()}. */
    void adjust(Map<String, ModelNode> poolAttributes, Map<String, String> configProperties) {}

    @Override
    public void setup(ManagementClient client, String containerId) {
        TestSwitchboard.get().awaitPublished();
        Management management = Management.using(client.getControllerClient());
        SwitchboardAdapter adapter = new SwitchboardAdapter(management);
        boolean reload = adapter.failDeploymentsOnValidationWarnings();
        Map<String, ModelNode> attributes = poolAttributes();
        Map<String, String> properties = configProperties();
        adjust(attributes, properties);
        reload |= adapter.define(transactionSupport(), adapterProperties(), attributes, properties);
        adapter.makeDefaultForMessageDrivenBeans();
        if (reload) {
            management.reload();
        }
    }

    @Override
    public void tearDown(ManagementClient client, String containerId) {
        Management management = Management.using(client.getControllerClient());
        SwitchboardAdapter adapter = new SwitchboardAdapter(management);
        adapter.noLongerDefaultForMessageDrivenBeans();
        if (adapter.remove()) {
            management.reload();
        }
    }
}
