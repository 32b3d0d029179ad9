package io.switchboard.arquillian;

import static io.switchboard.arquillian.Management.address;
import static io.switchboard.arquillian.Management.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.dmr.ModelNode;

/**
 * The resource adapter {@code switchboard} and its connection definition {@code Default} in WildFly's management
 * model: exactly the resources the CLI script and the admin console (Configuration > Subsystems > Resource
 * Adapters) create, never an ironjacamar.xml.
 */
final class SwitchboardAdapter {

    static final String ARCHIVE = "switchboard.rar";
    static final String JNDI_NAME = "java:/switchboard/Default";
    static final String MCF_CLASS = "io.switchboard.jca.adapter.SwitchboardManagedConnectionFactory";

    static final ModelNode RESOURCE_ADAPTER =
            address("subsystem", "resource-adapters", "resource-adapter", "switchboard");
    static final ModelNode DEFINITION = address(
            "subsystem", "resource-adapters", "resource-adapter", "switchboard", "connection-definitions", "Default");
    static final ModelNode POOL_STATISTICS = address(
            "subsystem",
            "resource-adapters",
            "resource-adapter",
            "switchboard",
            "connection-definitions",
            "Default",
            "statistics",
            "pool");
    static final ModelNode ARCHIVE_VALIDATION = address("subsystem", "jca", "archive-validation", "archive-validation");
    static final ModelNode EJB3 = address("subsystem", "ejb3");

    private final Management management;

    SwitchboardAdapter(Management management) {
        this.management = management;
    }

    /**
     * Archive validation on, failing the deployment on errors and on warnings too. Returns whether WildFly asks for
     * a reload before the setting applies.
     */
    boolean failDeploymentsOnValidationWarnings() {
        boolean reload = false;
        for (String attribute : List.of("enabled", "fail-on-error", "fail-on-warn")) {
            reload |= Management.requiresReload(
                    management.execute(Management.writeAttribute(ARCHIVE_VALIDATION, attribute, new ModelNode(true))));
        }
        return reload;
    }

    /**
     * Makes the adapter the default for message-driven beans. standalone.xml names none, and without one WildFly
     * refuses every message-driven bean, even those that name their adapter with {@code @ResourceAdapter}
     * ("jboss.ejb.default-resource-adapter-name-service not found"). Takes effect without a reload.
     */
    void makeDefaultForMessageDrivenBeans() {
        management.execute(Management.writeAttribute(EJB3, "default-resource-adapter-name", new ModelNode(ARCHIVE)));
    }

    /** Undoes {@link #makeDefaultForMessageDrivenBeans()}: standalone.xml's setting again. */
    void noLongerDefaultForMessageDrivenBeans() {
        ModelNode op = operation("undefine-attribute", EJB3);
        op.get("name").set("default-resource-adapter-name");
        management.execute(op);
    }

    ModelNode archiveValidation() {
        return management.result(operation("read-resource", ARCHIVE_VALIDATION));
    }

    /**
     * Adds the resource adapter and the {@code Default} connection definition in one batch.
     *
     * @param adapterProperties the resource adapter's own properties, e.g. {@code serverUrls}: where message-driven
     *                          beans publish unless their activation names a server
     * @param poolAttributes    connection definition attributes, e.g. {@code max-pool-size}
     * @param configProperties  the managed connection factory's properties, e.g. {@code serverUrls}
     * @return whether WildFly asks for a reload
     */
    boolean define(
            Map<String, String> adapterProperties,
            Map<String, ModelNode> poolAttributes,
            Map<String, String> configProperties) {
        return define("NoTransaction", adapterProperties, poolAttributes, configProperties);
    }

    /**
     * As {@link #define(Map, Map, Map)} with the adapter's {@code transaction-support}: {@code NoTransaction},
     * {@code LocalTransaction} or {@code XATransaction}.
     */
    boolean define(
            String transactionSupport,
            Map<String, String> adapterProperties,
            Map<String, ModelNode> poolAttributes,
            Map<String, String> configProperties) {
        List<ModelNode> steps = new ArrayList<>();
        ModelNode addAdapter = operation("add", RESOURCE_ADAPTER);
        addAdapter.get("archive").set(ARCHIVE);
        addAdapter.get("transaction-support").set(transactionSupport);
        // Pool statistics from the start: enabled later at run time, they would miss the prefilled connections.
        addAdapter.get("statistics-enabled").set(true);
        steps.add(addAdapter);
        adapterProperties.forEach((name, value) -> steps.add(addConfigProperty(RESOURCE_ADAPTER, name, value)));
        ModelNode addDefinition = operation("add", DEFINITION);
        addDefinition.get("class-name").set(MCF_CLASS);
        addDefinition.get("jndi-name").set(JNDI_NAME);
        poolAttributes.forEach((name, value) -> addDefinition.get(name).set(value));
        steps.add(addDefinition);
        configProperties.forEach((name, value) -> steps.add(addConfigProperty(DEFINITION, name, value)));
        return Management.requiresReload(management.execute(Management.composite(steps)));
    }

    private static ModelNode addConfigProperty(ModelNode owner, String name, String value) {
        ModelNode address = owner.clone();
        address.add("config-properties", name);
        ModelNode op = operation("add", address);
        op.get("value").set(value);
        return op;
    }

    /** Removes the resource adapter with its connection definitions; returns whether a reload is asked for. */
    boolean remove() {
        return Management.requiresReload(management.execute(operation("remove", RESOURCE_ADAPTER)));
    }

    /** Writes a connection definition attribute (e.g. {@code max-pool-size}); returns whether a reload is asked for. */
    boolean writeAttribute(String attribute, ModelNode value) {
        return Management.requiresReload(management.execute(Management.writeAttribute(DEFINITION, attribute, value)));
    }

    /** Changes a config property of the connection definition; returns whether a reload is asked for. */
    boolean writeConfigProperty(String name, String value) {
        ModelNode address = DEFINITION.clone();
        address.add("config-properties", name);
        return Management.requiresReload(
                management.execute(Management.writeAttribute(address, "value", new ModelNode(value))));
    }

    ModelNode readDefinition() {
        return management.result(operation("read-resource", DEFINITION));
    }

    PoolStatistics poolStatistics() {
        ModelNode op = operation("read-resource", POOL_STATISTICS);
        op.get("include-runtime").set(true);
        return new PoolStatistics(management.result(op));
    }
}
