package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.EchoPublisher;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue points 3 and 4, with sharedConnections=0: prefill opens min-pool-size connections the Switchboard server
 * itself counts, and pool
 * tuning through the management API (as the admin console does it) takes effect after the reload WildFly asks for:
 * with max-pool-size=2, a third concurrent caller waits blocking-timeout-wait-millis and fails with
 * ConnectionFailedException, and the pool statistics agree with what the server sees.
 */
@ServerSetup(PoolIT.Setup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PoolIT extends SampleDeployments {

    static final int PREFILL = 3;
    static final long BLOCKING_TIMEOUT_MILLIS = 2_000;

    static class Setup extends AdapterSetup {
        @Override
        void adjust(Map<String, ModelNode> pool, Map<String, String> properties) {
            pool.put("min-pool-size", new ModelNode(PREFILL));
            pool.put("max-pool-size", new ModelNode(5));
            pool.put("pool-prefill", new ModelNode(true));
            pool.put("blocking-timeout-wait-millis", new ModelNode(BLOCKING_TIMEOUT_MILLIS));
            // One physical connection per pooled connection, so the server's count is the pool's (SharedConnectionsIT
            // checks the shared layout).
            properties.put("sharedConnections", "0");
        }
    }

    @Test
    @Order(1)
    void prefillOpensMinPoolSizeConnectionsTheServerCounts() {
        // No call has been made: whatever the server counts besides the publisher, the pool opened on its own.
        int counted = Poll.until(
                "the server counts " + PREFILL + " adapter connections",
                () -> TestSwitchboard.get().adapterConnections(),
                n -> n == PREFILL);
        assertThat(counted).isEqualTo(PREFILL);

        try (Management management = Management.connect()) {
            SwitchboardAdapter adapter = new SwitchboardAdapter(management);
            PoolStatistics pool = adapter.poolStatistics();
            assertThat(pool.enabled()).isTrue();
            assertThat(pool.active()).as("%s", pool).isEqualTo(PREFILL);
            assertThat(pool.created()).as("%s", pool).isEqualTo(PREFILL);
            assertThat(pool.inUse()).as("%s", pool).isZero();
        }
    }

    @Test
    @Order(2)
    void maxPoolSizeChangedThroughManagementLimitsConcurrentCallersAfterReload() throws Exception {
        try (Management management = Management.connect();
                ConcurrentCalls calls = new ConcurrentCalls()) {
            SwitchboardAdapter adapter = new SwitchboardAdapter(management);
            EchoPublisher publisher = TestSwitchboard.get().publisher();

            // As the admin console does: write the attributes; WildFly answers "reload required".
            assertThat(adapter.writeAttribute("min-pool-size", new ModelNode(1)))
                    .isTrue();
            assertThat(adapter.writeAttribute("max-pool-size", new ModelNode(2)))
                    .isTrue();

            // Not yet in effect: the running pool still lets three callers in at once.
            List<CompletableFuture<SampleApp.Reply>> beforeReload =
                    List.of(calls.hold("a"), calls.hold("b"), calls.hold("c"));
            Poll.until("three calls held with the old max-pool-size", () -> publisher.held() == 3);
            publisher.releaseHeld();
            for (CompletableFuture<SampleApp.Reply> reply : beforeReload) {
                assertThat(reply.get().status()).as("%s", reply.get()).isEqualTo(200);
            }

            management.reload();
            assertThat(adapter.readDefinition().get("max-pool-size").asInt()).isEqualTo(2);

            CompletableFuture<SampleApp.Reply> first = calls.hold("first");
            CompletableFuture<SampleApp.Reply> second = calls.hold("second");
            Poll.until("two calls held by the publisher", () -> publisher.held() == 2);

            // Reality: two physical connections busy, two deliveries outstanding at the server.
            assertThat(TestSwitchboard.get().adapterConnections()).isEqualTo(2);
            assertThat(TestSwitchboard.get().stats().outstandingDeliveries()).isEqualTo(2);
            PoolStatistics busy = adapter.poolStatistics();
            assertThat(busy.inUse()).as("%s", busy).isEqualTo(2);
            assertThat(busy.active()).as("%s", busy).isEqualTo(2);
            assertThat(busy.available()).as("%s", busy).isZero();

            SampleApp.Reply third = calls.hold("third").get();

            // The third caller gave up waiting for a connection while the other two were still held.
            assertThat(publisher.held()).isEqualTo(2);
            assertThat(first).isNotDone();
            assertThat(second).isNotDone();
            assertThat(third.status()).as("%s", third).isEqualTo(503);
            assertThat(third.code()).as("%s", third).isEqualTo("connection-failed");
            assertThat(third.took())
                    .as("it waited for the blocking timeout first")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(BLOCKING_TIMEOUT_MILLIS));
            assertThat(adapter.poolStatistics().blockingFailures()).isEqualTo(1);

            publisher.releaseHeld();
            assertThat(first.get().body().asText()).isEqualTo("first");
            assertThat(second.get().body().asText()).isEqualTo("second");

            PoolStatistics idle =
                    Poll.until("both connections back in the pool", adapter::poolStatistics, p -> p.inUse() == 0);
            assertThat(idle.active()).as("%s", idle).isEqualTo(2);
            assertThat(idle.available()).as("%s", idle).isEqualTo(2);
            assertThat(idle.maxUsed()).as("%s", idle).isEqualTo(2);
            assertThat(TestSwitchboard.get().adapterConnections()).isEqualTo(2);
        }
    }
}
