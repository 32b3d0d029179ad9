package io.switchboard.arquillian;

import io.switchboard.testsupport.WildFly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A second WildFly, of one test class's own, beside the Arquillian-managed one (which the other test classes keep):
 * the same unpacked dist, a fresh copy of {@code standalone/} as its base directory, its own port offset, set up
 * the way an operator would with a jboss-cli script (adapter, connection definition, MDB pool, deployments), so
 * that a plain restart of the same base directory after a crash brings everything back by itself.
 */
final class SampleWildFly implements AutoCloseable {

    /**
     * Away from the Arquillian-managed WildFly's 371 and the benchmarks' 500 and 600: HTTP on 8351, management on
     * 10261.
     */
    static final int PORT_OFFSET = 271;
    /** A boot with the sample deployed takes 5-15 s on a loaded 2-core machine. */
    private static final Duration BOOT_DEADLINE = Duration.ofSeconds(120);

    private static final String ADAPTER = "/subsystem=resource-adapters/resource-adapter=switchboard";
    private static final String DEFINITION = ADAPTER + "/connection-definitions=Default";
    private static final String MDB_POOL = "/subsystem=ejb3/strict-max-bean-instance-pool=mdb-strict-max-pool";

    private WildFly wildFly;

    private SampleWildFly(WildFly wildFly) {
        this.wildFly = wildFly;
    }

    /**
     * Boots a fresh base directory under target/, runs the setup script against it and returns once the sample is
     * deployed and WildFly ready.
     */
    static SampleWildFly start(String switchboardUrl) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("jboss.home", "target/wildfly"));
        Path baseDir = Path.of(System.getProperty("basedir", "."))
                .resolve("target/wildfly-crash")
                .toAbsolutePath();
        deleteRecursively(baseDir);
        Files.createDirectories(baseDir);
        WildFly wildFly = WildFly.start(home, baseDir, PORT_OFFSET, Map.of(), "", BOOT_DEADLINE);
        try {
            Path script = baseDir.resolve("setup.cli");
            Files.writeString(script, setupScript(switchboardUrl));
            wildFly.runCli(script);
            wildFly.awaitReady(BOOT_DEADLINE);
            return new SampleWildFly(wildFly);
        } catch (IOException | InterruptedException | RuntimeException e) {
            wildFly.close();
            throw e;
        }
    }

    /**
     * What an operator types (see demo/switchboard.cli): the MDB pool sized for ChatBean's {@code maxConcurrency}
     * (8) and made the default for MDBs, the adapter with its {@code serverUrls} (where the MDBs publish), the
     * {@code Default} connection definition ({@code java:/switchboard/Default}, the pool ChatBean pushes through),
     * the adapter as the default for MDBs, a reload, then the rar and the whole sample, deployed through the
     * management model so they are in standalone.xml and come back with the server.
     */
    static String setupScript(String switchboardUrl) {
        Path deployments = Path.of(System.getProperty("deployments.dir", "target/deployments"))
                .toAbsolutePath();
        return String.join(
                        "\n",
                        List.of(
                                MDB_POOL + ":undefine-attribute(name=derive-size)",
                                MDB_POOL + ":write-attribute(name=max-pool-size, value=8)",
                                "batch",
                                ADAPTER + ":add(archive=" + SwitchboardAdapter.ARCHIVE
                                        + ", transaction-support=NoTransaction, statistics-enabled=true)",
                                ADAPTER + "/config-properties=serverUrls:add(value=\"" + switchboardUrl + "\")",
                                DEFINITION + ":add(class-name=" + SwitchboardAdapter.MCF_CLASS + ", jndi-name="
                                        + SwitchboardAdapter.JNDI_NAME + ", min-pool-size=0, max-pool-size=10,"
                                        + " blocking-timeout-wait-millis=5000, validate-on-match=true)",
                                DEFINITION + "/config-properties=serverUrls:add(value=\"" + switchboardUrl + "\")",
                                DEFINITION + "/config-properties=clientName:add(value=wildfly-crash)",
                                DEFINITION + "/config-properties=callTimeoutMillis:add(value="
                                        + AdapterSetup.CALL_TIMEOUT_MILLIS + ")",
                                DEFINITION + "/config-properties=connectTimeoutMillis:add(value=2000)",
                                "/subsystem=ejb3:write-attribute(name=default-resource-adapter-name, value="
                                        + SwitchboardAdapter.ARCHIVE + ")",
                                "/subsystem=ejb3:write-attribute(name=default-mdb-instance-pool, value=mdb-strict-max-pool)",
                                "run-batch",
                                "reload",
                                "deploy " + deployments.resolve(SwitchboardAdapter.ARCHIVE) + " --name="
                                        + SwitchboardAdapter.ARCHIVE,
                                "deploy " + deployments.resolve("switchboard-sample.war")
                                        + " --name=switchboard-sample.war"))
                + "\n";
    }

    /** kill -9 of the WildFly JVM and its start script; returns once both are gone. */
    void kill() throws InterruptedException {
        wildFly.kill();
    }

    /** A plain start of the same base directory, as after a crash: no script, no deployment by the test. */
    void startAgain() throws IOException, InterruptedException {
        wildFly = wildFly.startAgain(BOOT_DEADLINE);
    }

    Path serverLog() {
        return wildFly.baseDir().resolve("log/server.log");
    }

    /** Graceful stop; the base directory stays for a look at its logs. */
    @Override
    public void close() {
        wildFly.close();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
