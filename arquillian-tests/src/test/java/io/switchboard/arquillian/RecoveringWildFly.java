package io.switchboard.arquillian;

import io.switchboard.arquillian.xakill.CrashPoint;
import io.switchboard.arquillian.xakill.OrderBean;
import io.switchboard.testsupport.WildFly;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * A WildFly of the XA crash test's own (a fresh base directory, its own port offset), set up as an operator would
 * for XA with recovery: the adapter with {@code transaction-support=XATransaction}, an XA datasource on an H2 file
 * database, a node identifier of its own, and Narayana's periodic recovery made fast through system properties
 * (every {@value #RECOVERY_PERIOD_SECONDS} s instead of 120 s; orphans rolled back after
 * {@value #ORPHAN_SAFETY_MILLIS} ms instead of 20 s). The order application ({@link OrderBean}) is deployed through
 * the management model, so a plain restart after SIGKILL brings everything back and recovery runs by itself.
 */
final class RecoveringWildFly implements AutoCloseable {

    /**
     * Away from the other WildFlys of the build (Arquillian's 371, SampleWildFly's 271, the demo's 800, the
     * benchmarks' 500 and 600): HTTP on 8551, management on 10461.
     */
    static final int PORT_OFFSET = 471;

    static final int RECOVERY_PERIOD_SECONDS = 2;
    static final int ORPHAN_SAFETY_MILLIS = 1000;
    /** Narayana's transactions subsystem: the node name written into every Xid, which orphan detection checks. */
    static final String NODE_IDENTIFIER = "xa-kill";

    private static final Duration BOOT_DEADLINE = Duration.ofSeconds(120);
    private static final String APP = "xa-kill-orders";
    private static final String ADAPTER = "/subsystem=resource-adapters/resource-adapter=switchboard";
    private static final String DEFINITION = ADAPTER + "/connection-definitions=Default";
    private static final String DATASOURCE = "/subsystem=datasources/xa-data-source=XaKillOrders";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private WildFly wildFly;

    private RecoveringWildFly(WildFly wildFly) {
        this.wildFly = wildFly;
    }

    /** Boots a fresh base directory under target/, sets it up and returns once the order application is ready. */
    static RecoveringWildFly start(String switchboardUrl) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("jboss.home", "target/wildfly"));
        Path target =
                Path.of(System.getProperty("basedir", ".")).resolve("target").toAbsolutePath();
        Path baseDir = target.resolve("wildfly-xa-kill");
        deleteRecursively(baseDir);
        Files.createDirectories(baseDir);
        Path app = baseDir.resolve(APP + ".war");
        application().as(ZipExporter.class).exportTo(app.toFile(), true);
        Map<String, String> recovery = Map.of(
                "RecoveryEnvironmentBean.periodicRecoveryPeriod",
                Integer.toString(RECOVERY_PERIOD_SECONDS),
                "RecoveryEnvironmentBean.recoveryBackoffPeriod",
                "1",
                "JTAEnvironmentBean.orphanSafetyInterval",
                Integer.toString(ORPHAN_SAFETY_MILLIS),
                // standalone.xml's node-identifier="${jboss.tx.node.id:1}": set at boot (writing it needs a restart)
                "jboss.tx.node.id",
                NODE_IDENTIFIER);
        WildFly wildFly = WildFly.start(home, baseDir, PORT_OFFSET, recovery, "", BOOT_DEADLINE);
        try {
            Path script = baseDir.resolve("setup.cli");
            Files.writeString(script, setupScript(switchboardUrl, baseDir.resolve("orders"), app));
            wildFly.runCli(script);
            wildFly.awaitReady(BOOT_DEADLINE);
            return new RecoveringWildFly(wildFly);
        } catch (IOException | InterruptedException | RuntimeException e) {
            wildFly.close();
            throw e;
        }
    }

    private static WebArchive application() {
        return ShrinkWrap.create(WebArchive.class, APP + ".war")
                .addPackage(OrderBean.class.getPackage())
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.switchboard.rar\n"));
    }

    /**
     * The setup:
     * <ul>
     *   <li>the adapter in XA mode with recovery credentials: without any, IronJacamar says "IJ020016: Missing
     *       &lt;recovery&gt; element. XA recovery disabled" and Narayana never asks the adapter (this test's server
     *       has no users, so it ignores them);</li>
     *   <li>IronJacamar's default recovery plugin, which keeps its recovery connection across passes only because the
     *       adapter's handle answers {@code isValid(int)} (without it: "ARJUNA016036 ... this pooled Switchboard
     *       connection was destroyed" at every pass, and the branch stays prepared);</li>
     *   <li>the H2 XA datasource ({@code WRITE_DELAY=0}: H2 writes each prepare and commit at once instead of within
     *       500 ms, or a SIGKILL could lose them);</li>
     *   <li>a reload, then the rar and the application.</li>
     * </ul>
     */
    private static String setupScript(String switchboardUrl, Path database, Path app) {
        Path deployments = Path.of(System.getProperty("deployments.dir", "target/deployments"))
                .toAbsolutePath();
        return String.join(
                        "\n",
                        List.of(
                                "batch",
                                ADAPTER + ":add(archive=" + SwitchboardAdapter.ARCHIVE
                                        + ", transaction-support=XATransaction)",
                                DEFINITION + ":add(class-name=" + SwitchboardAdapter.MCF_CLASS + ", jndi-name="
                                        + SwitchboardAdapter.JNDI_NAME + ", min-pool-size=0, max-pool-size=5,"
                                        + " blocking-timeout-wait-millis=5000, recovery-username=recovery,"
                                        + " recovery-password=recovery)",
                                DEFINITION + "/config-properties=serverUrls:add(value=\"" + switchboardUrl + "\")",
                                DEFINITION + "/config-properties=clientName:add(value=wildfly-xa-kill)",
                                DEFINITION + "/config-properties=connectTimeoutMillis:add(value=2000)",
                                DATASOURCE + ":add(driver-name=h2, jndi-name=" + OrderBean.DATASOURCE
                                        + ", user-name=sa, password=sa)",
                                DATASOURCE + "/xa-datasource-properties=URL:add(value=\"jdbc:h2:file:" + database
                                        + ";WRITE_DELAY=0\")",
                                "run-batch",
                                "reload",
                                "deploy " + deployments.resolve(SwitchboardAdapter.ARCHIVE) + " --name="
                                        + SwitchboardAdapter.ARCHIVE,
                                "deploy " + app + " --name=" + APP + ".war"))
                + "\n";
    }

    /**
     * Places an order whose transaction stops at the crash point: sent without waiting, since no answer comes (the
     * JVM is killed while the request runs).
     */
    void placeOrderStoppingAt(String order, CrashPoint.Phase crashAt) {
        http.sendAsync(
                HttpRequest.newBuilder(ordersUri(order + "&crashAt=" + crashAt))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** {@code exists=<bool> inDoubt=<n>}: the order's committed row and H2's prepared transactions. */
    String orderState(String order) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(ordersUri(order))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /orders answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private URI ordersUri(String query) {
        return URI.create(
                "http://" + WildFly.LOOPBACK + ":" + wildFly.httpPort() + "/" + APP + "/orders?order=" + query);
    }

    /** The marker an order's {@link CrashPoint} writes when it reaches {@code phase}. */
    Path crashPointMarker(CrashPoint.Phase phase) {
        return wildFly.baseDir().resolve(CrashPoint.marker(phase));
    }

    /** kill -9 of the WildFly JVM and its start script; returns once both are gone. */
    void kill() throws InterruptedException {
        wildFly.kill();
    }

    /** A plain start of the same base directory, as after a crash: recovery then runs by itself. */
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
