package io.switchboard.benchmarks.ejb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jboss-cli script that prepares WildFly for a run, written into the run's log directory so it can be read
 * and replayed: the stateless-bean pool and the connection pool both sized for the concurrent callers, the
 * resource adapter defined through the management model (as the admin console does; pool statistics and tuning
 * exist only for definitions made this way), a reload, then the two deployments.
 */
final class SetupScript {

    static final String JNDI_NAME = "java:/switchboard/Default";
    static final String CLIENT_NAME = "bench-adapter";
    /** Same as the plain client's call timeout in the war. */
    static final long CALL_TIMEOUT_MILLIS = 10_000;

    private static final String ADAPTER = "/subsystem=resource-adapters/resource-adapter=switchboard";
    private static final String DEFINITION = ADAPTER + "/connection-definitions=Default";
    private static final String SLSB_POOL = "/subsystem=ejb3/strict-max-bean-instance-pool=slsb-strict-max-pool";

    private SetupScript() {}

    /** Adds the optional config properties only when given, so the adapter's defaults apply otherwise. */
    static String text(String serverUrl, EjbSettings settings, Path rar, Path war) {
        int poolSize = settings.threads();
        List<String> lines = new ArrayList<>(List.of(
                "# Written by benchmarks/run ejb: the WildFly setup of this run.",
                "# Stateless beans: an instance per concurrent caller (the default pool is sized from the I/O"
                        + " worker threads).",
                SLSB_POOL + ":undefine-attribute(name=derive-size)",
                SLSB_POOL + ":write-attribute(name=max-pool-size, value=" + poolSize + ")",
                "# The resource adapter and its connection definition; the pool holds a connection per concurrent"
                        + " caller from the start.",
                "batch",
                ADAPTER + ":add(archive=switchboard.rar, transaction-support=" + settings.transactionSupport() + ")"));
        if (settings.ioThreads() != null) {
            lines.add(ADAPTER + "/config-properties=ioThreads:add(value=" + settings.ioThreads() + ")");
        }
        lines.addAll(List.of(
                DEFINITION + ":add(class-name=io.switchboard.jca.adapter.SwitchboardManagedConnectionFactory,"
                        + " jndi-name=" + JNDI_NAME + ", min-pool-size=" + poolSize + ", max-pool-size=" + poolSize
                        + ", pool-prefill=true, blocking-timeout-wait-millis=" + CALL_TIMEOUT_MILLIS + ")",
                DEFINITION + "/config-properties=serverUrls:add(value=\"" + serverUrl + "\")",
                DEFINITION + "/config-properties=clientName:add(value=" + CLIENT_NAME + ")",
                DEFINITION + "/config-properties=codec:add(value=CBOR)",
                DEFINITION + "/config-properties=callTimeoutMillis:add(value=" + CALL_TIMEOUT_MILLIS + ")"));
        if (settings.pingTimeout() != null) {
            lines.add(DEFINITION + "/config-properties=pingTimeout:add(value=" + settings.pingTimeout() + ")");
        }
        if (settings.sharedConnections() != null) {
            lines.add(DEFINITION + "/config-properties=sharedConnections:add(value=" + settings.sharedConnections()
                    + ")");
        }
        lines.addAll(List.of(
                "run-batch",
                "reload",
                "deploy " + rar.toAbsolutePath() + " --name=switchboard.rar",
                "deploy " + war.toAbsolutePath() + " --name=" + BenchWar.NAME));
        return String.join("\n", lines) + "\n";
    }
}
