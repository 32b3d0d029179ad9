package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.EchoPublisher;
import io.switchboard.testsupport.Poll;
import io.switchboard.testsupport.ServerCluster;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter pointed at two nodes of a cluster (docs/cluster.md): its pooled connections start on the first URL,
 * node A, and reach the publisher on node B across the cluster. Node A is killed with kill -9 mid-run: calls fail
 * fast with a typed error, and the pool heals onto the survivor, node B, by itself.
 */
@ServerSetup(ClusterFailoverIT.Setup.class)
class ClusterFailoverIT extends SampleDeployments {

    private static final int CALLERS = 4;
    /** What a call may answer while its node dies under it. */
    private static final Set<String> LOSS_CODES = Set.of("connection-failed", "shutting-down", "publisher-lost");

    /** Two server processes on one embedded PostgreSQL, and the echo publisher on node B; started once. */
    static final class TwoNodes {
        private static TwoNodes instance;

        final EmbeddedPostgres postgres;
        final ServerCluster cluster;
        final ServerCluster.Node a;
        final ServerCluster.Node b;
        final EchoPublisher publisher;

        private TwoNodes() throws IOException, InterruptedException {
            postgres = EmbeddedPostgres.builder().start();
            Path logs = Files.createTempDirectory("sb-cluster-it");
            cluster = new ServerCluster(
                    "arquillian", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", logs);
            a = cluster.add("node-a");
            b = cluster.add("node-b");
            a.start();
            b.start();
            cluster.awaitFullView();
            publisher = new EchoPublisher(b.url());
            Poll.until(
                    "node-a's directory shows the echo publisher on node-b",
                    () -> a.remotePublishers(EchoPublisher.ALIAS) == 1);
        }

        static synchronized TwoNodes get() {
            if (instance == null) {
                try {
                    instance = new TwoNodes();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the two-node cluster", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return instance;
        }

        /** Node A first: the pool's connections go there while it lives. */
        String urls() {
            return a.url() + "," + b.url();
        }

        static synchronized void stop() {
            if (instance != null) {
                instance.publisher.close();
                instance.cluster.close();
                try {
                    instance.postgres.close();
                } catch (IOException ignored) {
                    // the test is over
                }
                instance = null;
            }
        }
    }

    static class Setup extends AdapterSetup {

        @Override
        Map<String, String> adapterProperties() {
            Map<String, String> properties = super.adapterProperties();
            properties.put("serverUrls", TwoNodes.get().urls());
            return properties;
        }

        @Override
        void adjust(Map<String, ModelNode> poolAttributes, Map<String, String> configProperties) {
            configProperties.put("serverUrls", TwoNodes.get().urls());
        }
    }

    @AfterAll
    static void stopTheCluster() {
        TwoNodes.stop();
    }

    /** One call through the sample's EJB: when it started and ended (nanoTime), and its answer. */
    record Call(long started, long ended, SampleApp.Reply reply) {}

    @Test
    void thePoolHealsOntoTheSurvivingNodeWhenTheOtherIsKilled() throws Exception {
        TwoNodes nodes = TwoNodes.get();
        Poll.until(
                "a first call crosses from node-a to the publisher on node-b",
                () -> SampleApp.call(EchoPublisher.ALIAS, "echo", "\"first\"").ok());
        List<Call> calls = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        for (int i = 0; i < CALLERS; i++) {
            int caller = i;
            callers.execute(() -> {
                int n = 0;
                while (running.get()) {
                    long started = System.nanoTime();
                    SampleApp.Reply reply =
                            SampleApp.call(EchoPublisher.ALIAS, "echo", "\"" + caller + "-" + n++ + "\"");
                    calls.add(new Call(started, System.nanoTime(), reply));
                    if (!reply.ok()) {
                        Poll.pause();
                    }
                }
            });
        }
        long[] killedAt = {Long.MAX_VALUE};
        try {
            Poll.until("calls succeed through node-a", () -> successesAfter(calls, 0) >= 20);
            assertThat(nodes.a
                            .clusterz()
                            .path("forwarding")
                            .path("forwarded_out")
                            .asLong())
                    .as("calls the pool made on node-a, forwarded to the publisher on node-b")
                    .isGreaterThanOrEqualTo(20);
            killedAt[0] = System.nanoTime();
            nodes.a.kill();
            Poll.until("calls succeed again on node-b", () -> successesAfter(calls, killedAt[0]) >= 20);
        } finally {
            running.set(false);
            callers.shutdown();
            callers.awaitTermination(60, TimeUnit.SECONDS);
        }
        for (Call call : calls) {
            assertThat(call.reply().took())
                    .as("no call hangs to the call timeout: %s", call.reply())
                    .isLessThan(Duration.ofMillis(AdapterSetup.CALL_TIMEOUT_MILLIS));
            if (!call.reply().ok()) {
                assertThat(call.reply().status()).as("%s", call.reply()).isIn(502, 503);
                assertThat(call.reply().code()).as("%s", call.reply()).isIn(LOSS_CODES);
            }
        }
        long failed = calls.stream().filter(c -> !c.reply().ok()).count();
        long lastFailure = calls.stream()
                .filter(c -> !c.reply().ok())
                .mapToLong(Call::ended)
                .max()
                .orElse(killedAt[0]);
        Duration healed = Duration.ofNanos(Math.max(0, lastFailure - killedAt[0]));
        System.out.printf(
                "cluster failover in WildFly: %d calls, %d failed while node-a died, healed onto node-b within %d ms%n",
                calls.size(), failed, healed.toMillis());
        assertThat(healed).as("the pool heals onto the survivor").isLessThan(RestartUnderLoad.HEALED_WITHIN);
        assertThat(nodes.a.running()).isFalse();
    }

    private static long successesAfter(List<Call> calls, long time) {
        return calls.stream().filter(c -> c.started() >= time && c.reply().ok()).count();
    }
}
