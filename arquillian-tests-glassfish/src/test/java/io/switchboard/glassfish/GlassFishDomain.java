package io.switchboard.glassfish;

import java.nio.file.Path;

/**
 * The set-up of the test domain, done with asadmin as an administrator would: deploy switchboard.rar (the very file
 * the build made) under the name {@value #RAR_NAME}, create the connector pool (no transactions, validated on every
 * borrow) pointing at the {@link TestSwitchboard}, bind it as {@value #JNDI_NAME}; and two transactional pools,
 * {@code XATransaction} as {@value #XA_JNDI_NAME} and {@code LocalTransaction} as {@value #LOCAL_JNDI_NAME}. Runs once, before Arquillian's
 * first deployment ({@link DomainSetupExtension}).
 */
final class GlassFishDomain {

    static final String RAR_NAME = "switchboard";
    static final String POOL_NAME = "switchboard-pool";
    static final String JNDI_NAME = "eis/switchboard";
    static final String CONNECTION_FACTORY = "io.switchboard.jca.api.SwitchboardConnectionFactory";
    /** The transactional resources {@link TransactionsIT} submits through; straight to the server, no proxy. */
    static final String XA_JNDI_NAME = "eis/switchboard-xa";

    static final String LOCAL_JNDI_NAME = "eis/switchboard-local";

    private GlassFishDomain() {}

    static void startAndSetUp() {
        TestSwitchboard switchboard = TestSwitchboard.get();
        AsAdmin asadmin = AsAdmin.ofBuild();
        asadmin.run("start-domain", System.getProperty("glassfish.domain"));
        // The adapter's own serverUrls: where the message-driven beans publish. Read when the rar starts.
        asadmin.run(
                "create-resource-adapter-config", "--property=serverUrls=" + escape(switchboard.tcpUrl()), RAR_NAME);
        // implicitCdiEnabled=false: else GlassFish starts Weld for the rar's bean archive (rar-api's beans.xml) and
        // the deployment fails ("CDI deployment failure: ... "env" is null").
        asadmin.run("deploy", "--name=" + RAR_NAME, "--property=implicitCdiEnabled=false", rar().toString());
        asadmin.run(
                "create-connector-connection-pool",
                "--raname=" + RAR_NAME,
                "--connectiondefinition=" + CONNECTION_FACTORY,
                "--transactionsupport=NoTransaction",
                "--steadypoolsize=1",
                "--maxpoolsize=4",
                // Validate on every borrow; with pingTimeout=0 the adapter pings the server to validate.
                "--isconnectvalidatereq=true",
                // Not --failconnection=true: after a failed validation GlassFish 7.0.21 then creates one new
                // connection but may hand out another free one without validating it (ValidationIT saw it).
                "--property=serverUrls=" + escape(switchboard.poolProxy().url()) + ":pingTimeout=0",
                POOL_NAME);
        asadmin.run("create-connector-resource", "--poolname=" + POOL_NAME, JNDI_NAME);
        createTransactionalResource(asadmin, switchboard, "XATransaction", "switchboard-xa-pool", XA_JNDI_NAME);
        createTransactionalResource(
                asadmin, switchboard, "LocalTransaction", "switchboard-local-pool", LOCAL_JNDI_NAME);
    }

    /** A pool with the given {@code --transactionsupport} and its resource, for the transaction tests. */
    private static void createTransactionalResource(
            AsAdmin asadmin, TestSwitchboard switchboard, String transactionSupport, String pool, String jndiName) {
        asadmin.run(
                "create-connector-connection-pool",
                "--raname=" + RAR_NAME,
                "--connectiondefinition=" + CONNECTION_FACTORY,
                "--transactionsupport=" + transactionSupport,
                "--steadypoolsize=1",
                "--maxpoolsize=4",
                "--property=serverUrls=" + escape(switchboard.tcpUrl()),
                pool);
        asadmin.run("create-connector-resource", "--poolname=" + pool, jndiName);
    }

    /** The rar this suite deploys: the build's switchboard-rar artifact, copied by Maven. */
    static Path rar() {
        return deployments().resolve("switchboard.rar");
    }

    static Path deployments() {
        return Path.of(System.getProperty("deployments.dir"));
    }

    /** asadmin splits --property at ':'; a colon inside a value is written '\:'. */
    private static String escape(String value) {
        return value.replace(":", "\\:");
    }
}
