package io.switchboard.arquillian;

import static io.switchboard.arquillian.Management.address;
import static io.switchboard.arquillian.Management.operation;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testsupport.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14, the adapter's statistics in WildFly 39: after the sample's EJB makes calls, some failing, the
 * connection definition's {@code statistics=extended} (read with the management client, as the CLI does) shows
 * calls and failures by result code increased; the activation MBean of the sample's greeter bean, read over JMX
 * from WildFly's platform MBean server (what jconsole shows), is PUBLISHED and counts the calls delivered.
 */
@ServerSetup(AdapterStatisticsIT.Setup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdapterStatisticsIT extends WholeSampleDeployments {

    static class Setup extends AdapterSetup {}

    static final ModelNode EXTENDED = address(
            "subsystem",
            "resource-adapters",
            "resource-adapter",
            "switchboard",
            "connection-definitions",
            "Default",
            "statistics",
            "extended");

    @BeforeEach
    void beansHavePublished() {
        Poll.until(
                "the sample's greeter session answers",
                () -> SampleApp.get("call/greeter/time").ok());
    }

    private static ModelNode extended(Management management) {
        ModelNode op = operation("read-resource", EXTENDED);
        op.get("include-runtime").set(true);
        return management.result(op);
    }

    @Test
    @Order(1)
    void extendedStatisticsCountTheEjbsCallsAndFailuresByResultCode() {
        try (Management management = Management.connect()) {
            ModelNode before = extended(management);
            System.out.println("statistics=extended before: " + before);
            assertThat(before.get("statistics-enabled").asBoolean())
                    .as("%s", before)
                    .isTrue();

            for (int i = 0; i < 3; i++) {
                assertThat(SampleApp.call("greeter", "hello", "Ada").status()).isEqualTo(200);
            }
            SampleApp.Reply unknown = SampleApp.call("greeter", "goodbye", null);
            assertThat(unknown.code()).as("%s", unknown).isEqualTo("unknown-method");
            SampleApp.Reply nobody = SampleApp.call("nobody-publishes-this", "hello", null);
            assertThat(nobody.code()).as("%s", nobody).isEqualTo("no-such-session");

            ModelNode after = extended(management);
            System.out.println("statistics=extended after: " + after);
            assertThat(after.get("CallCount").asLong() - before.get("CallCount").asLong())
                    .as("%s", after)
                    .isGreaterThanOrEqualTo(5);
            assertThat(after.get("CallFailedCount").asLong()
                            - before.get("CallFailedCount").asLong())
                    .isEqualTo(2);
            assertThat(after.get("CallFailedUnknownMethodCount").asLong()
                            - before.get("CallFailedUnknownMethodCount").asLong())
                    .isEqualTo(1);
            assertThat(after.get("CallFailedNoSuchSessionCount").asLong()
                            - before.get("CallFailedNoSuchSessionCount").asLong())
                    .isEqualTo(1);
            assertThat(after.get("CallMaxTime").asLong())
                    .isGreaterThanOrEqualTo(after.get("CallAverageTime").asLong());
            // validate-on-match with pingTimeout=0 (AdapterSetup): every borrow validates.
            assertThat(after.get("ValidationCount").asLong())
                    .isGreaterThan(before.get("ValidationCount").asLong());

            management.execute(operation("clear-statistics", EXTENDED));
            assertThat(extended(management).get("CallCount").asLong()).isZero();
        }
    }

    @Test
    @Order(2)
    void theGreeterActivationIsAnMBeanInWildFlysPlatformMBeanServer() throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:remote+http://127.0.0.1:" + Management.managementPort());
        try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            ObjectName greeter = new ObjectName("io.switchboard:type=Activation,name=greeter");
            assertThat(jmx.isRegistered(greeter)).isTrue();
            System.out.println("activation MBeans: " + jmx.queryNames(new ObjectName("io.switchboard:*"), null));
            assertThat(jmx.getAttribute(greeter, "State")).isEqualTo("PUBLISHED");
            assertThat(jmx.getAttribute(greeter, "Alias")).isEqualTo("greeter");
            long delivered = (Long) jmx.getAttribute(greeter, "CallsDelivered");

            for (int i = 0; i < 4; i++) {
                assertThat(SampleApp.call("greeter", "hello", "Grace").status()).isEqualTo(200);
            }
            assertThat((Long) jmx.getAttribute(greeter, "CallsDelivered") - delivered)
                    .isEqualTo(4);
            for (String attribute : List.of(
                    "State",
                    "ServerUrls",
                    "MaxConcurrency",
                    "Reconnects",
                    "CallsDelivered",
                    "CallsFailed",
                    "CallsInProgress",
                    "RefusedAtCapacity",
                    "RefusedStopping")) {
                System.out.println("greeter " + attribute + " = " + jmx.getAttribute(greeter, attribute));
            }
        }
    }

    /**
     * Whether WildFly's metrics subsystem (/metrics on the management port) publishes the pool's figures, for the
     * adapter defined at run time and again after a reload (the adapter then part of the configuration WildFly
     * boots with).
     */
    @Test
    @Order(99) // last: it reloads the server
    void wildFlysMetricsAndThePool() throws Exception {
        SampleApp.call("greeter", "hello", "Ada");
        List<String> atRunTime = adapterMetrics();
        System.out.println("/metrics lines of the adapter, defined at run time (" + atRunTime.size() + "):");
        atRunTime.forEach(System.out::println);
        try (Management management = Management.connect()) {
            management.reload();
        }
        Poll.until(
                "the sample answers after the reload",
                () -> SampleApp.get("call/greeter/time").ok());
        SampleApp.call("greeter", "hello", "Ada");
        List<String> afterReload = adapterMetrics();
        System.out.println("/metrics lines of the adapter after a reload (" + afterReload.size() + "):");
        afterReload.forEach(System.out::println);
        assertThat(atRunTime)
                .as("not while the adapter was only added at run time")
                .isEmpty();
        String labels = "{resource_adapter=\"switchboard\",connection_definitions=\"Default\"} ";
        assertThat(afterReload)
                .anyMatch(l -> l.startsWith("wildfly_resource_adapters_pool_active_count" + labels))
                .anyMatch(l -> l.startsWith("wildfly_resource_adapters_extended_call_failed_count" + labels));
        String calls = afterReload.stream()
                .filter(l -> l.startsWith("wildfly_resource_adapters_extended_call_count" + labels))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no call count in " + afterReload));
        assertThat(Double.parseDouble(calls.substring(calls.lastIndexOf(' ') + 1)))
                .isGreaterThanOrEqualTo(1.0);
    }

    private static List<String> adapterMetrics() throws IOException, InterruptedException {
        HttpResponse<String> metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + Management.managementPort() + "/metrics"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body()
                .lines()
                .filter(l -> l.contains("resource_adapter") || l.contains("connection_definition"))
                .toList();
    }
}
