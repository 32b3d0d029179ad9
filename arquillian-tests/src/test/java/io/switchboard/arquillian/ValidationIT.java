package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.ChaosProxy;
import io.switchboard.testsupport.EchoPublisher;
import io.switchboard.testsupport.Poll;
import java.util.Map;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue point 5. The adapter reaches the server through a {@link ChaosProxy} that can close the server side of a
 * pooled connection while the adapter's side stays open and silent: only a ping can tell the connection is dead.
 * With validate-on-match and pingTimeout=0 such a connection is replaced before the application gets it; with
 * background validation it is evicted while nobody calls.
 */
@ServerSetup(ValidationIT.Setup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ValidationIT extends SampleDeployments {

    private static ChaosProxy proxy;

    static synchronized ChaosProxy proxy() {
        if (proxy == null) {
            proxy = new ChaosProxy(TestSwitchboard.get().port());
        }
        return proxy;
    }

    static class Setup extends AdapterSetup {
        @Override
        void adjust(Map<String, ModelNode> pool, Map<String, String> properties) {
            // One connection, so the dead one is the one the next call would get.
            pool.put("max-pool-size", new ModelNode(1));
            pool.put("validate-on-match", new ModelNode(true));
            pool.put("background-validation", new ModelNode(false));
            properties.put("serverUrls", proxy().url());
            properties.put("pingTimeout", "0");
        }
    }

    @AfterAll
    static void closeProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    @Order(1)
    void validateOnMatchReplacesAConnectionWhoseServerSideWasClosed() {
        try (Management management = Management.connect()) {
            SwitchboardAdapter adapter = new SwitchboardAdapter(management);
            assertThat(SampleApp.call(EchoPublisher.ALIAS, "echo", "\"before\"")
                            .body()
                            .asText())
                    .isEqualTo("before");
            int opened = proxy().accepted();
            assertThat(TestSwitchboard.get().adapterConnections()).isEqualTo(1);

            proxy().severServerSides();
            Poll.until(
                    "the server saw the pooled connection close",
                    () -> TestSwitchboard.get().adapterConnections() == 0);

            // Without validation this call would go into the dead connection and time out.
            SampleApp.Reply reply = SampleApp.call(EchoPublisher.ALIAS, "echo", "\"after\"");
            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            assertThat(reply.body().asText()).isEqualTo("after");

            assertThat(proxy().accepted())
                    .as("a fresh physical connection was opened")
                    .isEqualTo(opened + 1);
            Poll.until("the adapter closed the dead connection", () -> proxy().closedByClient() >= 1);
            PoolStatistics pool = adapter.poolStatistics();
            assertThat(pool.destroyed()).as("%s", pool).isEqualTo(1);
            assertThat(pool.active()).as("%s", pool).isEqualTo(1);
            assertThat(TestSwitchboard.get().adapterConnections()).isEqualTo(1);
        }
    }

    @Test
    @Order(2)
    void backgroundValidationEvictsDeadConnectionsWithoutTraffic() {
        try (Management management = Management.connect()) {
            SwitchboardAdapter adapter = new SwitchboardAdapter(management);
            adapter.writeAttribute("validate-on-match", new ModelNode(false));
            adapter.writeAttribute("background-validation", new ModelNode(true));
            adapter.writeAttribute("background-validation-millis", new ModelNode(1_000L));
            management.reload();

            assertThat(SampleApp.call(EchoPublisher.ALIAS, "echo", "\"warm\"").ok())
                    .isTrue();
            PoolStatistics warm = adapter.poolStatistics();
            assertThat(warm.active()).as("%s", warm).isEqualTo(1);
            int closedBefore = proxy().closedByClient();

            proxy().severServerSides();
            Poll.until(
                    "the server saw the pooled connection close",
                    () -> TestSwitchboard.get().adapterConnections() == 0);

            // Nobody calls: the background validation alone finds the dead connection and destroys it.
            Poll.until(
                    "the pool evicted the dead connection",
                    adapter::poolStatistics,
                    p -> p.active() == 0 && p.inUse() == 0 && p.destroyed() == 1);
            Poll.until("the adapter closed the dead socket", () -> proxy().closedByClient() > closedBefore);

            assertThat(SampleApp.call(EchoPublisher.ALIAS, "echo", "\"again\"")
                            .body()
                            .asText())
                    .isEqualTo("again");
        }
    }
}
