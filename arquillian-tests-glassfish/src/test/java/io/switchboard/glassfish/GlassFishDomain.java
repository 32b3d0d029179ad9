package io.switchboard.glassfish;

import java.nio.file.Path;

/**
 * The one-time set-up of the test domain, done with asadmin as an administrator would: deploy switchboard.rar, create
 * the connector pool (no transactions, validated on every borrow) pointing at the {@link TestSwitchboard}, bind it as
 * {@value #JNDI_NAME}, deploy the sample war. Runs once per test JVM.
 *
 * <p>The domain is started here with {@code asadmin start-domain} rather than by the OmniFaces Arquillian adapter:
 * that adapter starts GlassFish only for a class with an Arquillian {@code @Deployment}, and this set-up (which the
 * sample war needs) must run before the war is deployed.
 */
final class GlassFishDomain {

    static final String RAR_NAME = "switchboard";
    static final String POOL_NAME = "switchboard-pool";
    static final String JNDI_NAME = "eis/switchboard";
    static final String SAMPLE_NAME = "switchboard-sample";
    static final String CONNECTION_FACTORY = "io.switchboard.jca.api.SwitchboardConnectionFactory";

    private static boolean started;
    private static boolean ready;

    private GlassFishDomain() {}

    static synchronized void ensureReady() {
        if (ready) {
            return;
        }
        TestSwitchboard switchboard = TestSwitchboard.get();
        AsAdmin asadmin = AsAdmin.ofBuild();
        String domain = System.getProperty("glassfish.domain");
        asadmin.run("start-domain", domain);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> asadmin.attempt("stop-domain", domain), "stop-glassfish"));
        asadmin.run("deploy", "--name=" + RAR_NAME, rar().toString());
        asadmin.run(
                "create-connector-connection-pool",
                "--raname=" + RAR_NAME,
                "--connectiondefinition=" + CONNECTION_FACTORY,
                "--transactionsupport=NoTransaction",
                "--steadypoolsize=1",
                "--maxpoolsize=4",
                // Validate on every borrow; with pingTimeout=0 the adapter pings the server to validate.
                "--isconnectvalidatereq=true",
                "--failconnection=true",
                "--property=serverUrls=" + escape(switchboard.tcpUrl()) + ":pingTimeout=0",
                POOL_NAME);
        asadmin.run("create-connector-resource", "--poolname=" + POOL_NAME, JNDI_NAME);
        asadmin.run(
                "deploy",
                "--name=" + SAMPLE_NAME,
                deployments().resolve("switchboard-sample.war").toString());
        ready = true;
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
