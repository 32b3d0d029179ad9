package io.switchboard.benchmarks.mdb;

import java.nio.file.Path;
import java.util.List;

/**
 * The jboss-cli script that prepares WildFly for an mdb run, written into the run's log directory so it can be
 * read and replayed: the MDB instance pool sized for the activation's concurrency and made the default for
 * message-driven beans (standalone.xml leaves them unpooled), the resource adapter defined through the management
 * model with the adapter-level {@code serverUrls} the message-driven beans publish on, the adapter named as the
 * default for message-driven beans, a reload, then the two deployments.
 */
final class MdbSetupScript {

    /** The deployment name; WildFly resolves message-driven beans' resource adapter by it. */
    static final String RAR_NAME = "switchboard.rar";

    private static final String ADAPTER = "/subsystem=resource-adapters/resource-adapter=switchboard";
    private static final String MDB_POOL = "/subsystem=ejb3/strict-max-bean-instance-pool=mdb-strict-max-pool";

    private MdbSetupScript() {}

    static String text(String serverUrl, MdbSettings settings, Path rar, Path war) {
        return String.join(
                        "\n",
                        List.of(
                                "# Written by benchmarks/run mdb: the WildFly setup of this run.",
                                "# Message-driven bean instances: one per delivery the activation allows at once (by default the pool",
                                "# is derived from the CPU count, which would make deliveries wait for an instance).",
                                MDB_POOL + ":undefine-attribute(name=derive-size)",
                                MDB_POOL + ":write-attribute(name=max-pool-size, value=" + settings.mdbPool() + ")",
                                "# standalone.xml has no <mdb> element, so message-driven beans use no pool at all: every delivery",
                                "# would construct a new bean instance (its @PostConstruct in a transaction of its own). Use the pool.",
                                "/subsystem=ejb3:write-attribute(name=default-mdb-instance-pool, value=mdb-strict-max-pool)",
                                "batch",
                                "# Inbound only, no connection definition. serverUrls: where activations without their own publish.",
                                ADAPTER + ":add(archive=" + RAR_NAME + ", transaction-support=NoTransaction)",
                                ADAPTER + "/config-properties=serverUrls:add(value=\"" + serverUrl + "\")",
                                "# standalone.xml has no default adapter for message-driven beans; the echo bean names none, so it binds",
                                "# to this one.",
                                "/subsystem=ejb3:write-attribute(name=default-resource-adapter-name, value=" + RAR_NAME
                                        + ")",
                                "run-batch",
                                "reload",
                                "deploy " + rar.toAbsolutePath() + " --name=" + RAR_NAME,
                                "deploy " + war.toAbsolutePath() + " --name=" + MdbWar.NAME))
                + "\n";
    }
}
