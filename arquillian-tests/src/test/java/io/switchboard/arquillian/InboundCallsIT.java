package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.arquillian.inbound.Gauge;
import io.switchboard.arquillian.inbound.Holds;
import io.switchboard.arquillian.inbound.Line;
import io.switchboard.arquillian.inbound.ListenerBean;
import io.switchboard.arquillian.inbound.OrdersBean;
import io.switchboard.arquillian.inbound.ThrottledBean;
import io.switchboard.arquillian.inbound.Total;
import io.switchboard.client.CallException;
import io.switchboard.client.CallOptions;
import io.switchboard.client.SessionInfo;
import io.switchboard.protocol.ResultCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inbound points 1-3: message-driven beans deployed in WildFly publish their sessions, and a plain client outside
 * WildFly lists them with the right methods, calls them with typed payloads, gets handler errors and unknown
 * methods answered, and cannot push more deliveries at once into a bean than its {@code maxConcurrency}.
 */
@ServerSetup(InboundCallsIT.Setup.class)
class InboundCallsIT extends InboundDeployments {

    static class Setup extends AdapterSetup {}

    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(30);
    private static PlainCaller caller;

    @Deployment(name = "beans", order = 2, testable = false)
    public static JavaArchive beans() {
        return beans(
                "inbound-calls",
                OrdersBean.class,
                Line.class,
                Total.class,
                ListenerBean.class,
                ThrottledBean.class,
                Gauge.class,
                Holds.class);
    }

    @BeforeAll
    static void connect() {
        caller = new PlainCaller("it-inbound-caller");
    }

    @AfterAll
    static void disconnect() {
        if (caller != null) {
            caller.close();
        }
    }

    @Test
    void annotatedBeanIsListedWithItsMethodsAndIdempotentOnes() {
        SessionInfo orders = caller.awaitPublished(OrdersBean.ALIAS, PUBLISHED_WITHIN);

        assertThat(orders.methods()).containsExactlyInAnyOrder("price", "total", "describe", "reject", "nothing");
        assertThat(orders.idempotent()).containsExactly("describe");
        assertThat(orders.publishers()).isEqualTo(1);
    }

    @Test
    void generalListenerIsListedWithTheMethodsOfItsActivationConfig() {
        SessionInfo listener = caller.awaitPublished(ListenerBean.ALIAS, PUBLISHED_WITHIN);

        assertThat(listener.methods()).containsExactlyInAnyOrder("echo", "fail");
        assertThat(listener.idempotent()).containsExactly("echo");
    }

    @Test
    void payloadsAreBoundToTypedParametersAndResultsComeBack() {
        caller.awaitPublished(OrdersBean.ALIAS, PUBLISHED_WITHIN);

        assertThat(caller.call(OrdersBean.ALIAS, "price", new Line("apple", 3, 40), Long.class))
                .isEqualTo(120L);

        Total total = caller.call(
                OrdersBean.ALIAS, "total", List.of(new Line("apple", 3, 40), new Line("pear", 2, 55)), Total.class);
        assertThat(total).isEqualTo(new Total(2, 230, "it-inbound-caller"));

        JsonNode described = caller.client()
                .call(
                        OrdersBean.ALIAS,
                        "describe",
                        Map.of("any", "thing"),
                        JsonNode.class,
                        CallOptions.builder().header("trace-id", "t-42").build());
        assertThat(described.path("alias").asText()).isEqualTo(OrdersBean.ALIAS);
        assertThat(described.path("method").asText()).isEqualTo("describe");
        assertThat(described.path("caller").asText()).isEqualTo("it-inbound-caller");
        assertThat(described.path("headers").path("trace-id").asText()).isEqualTo("t-42");
        assertThat(described.path("payloadBytes").asInt()).isPositive();
        assertThat(described.path("remainingMillis").asLong())
                .isPositive()
                .isLessThanOrEqualTo(PlainCaller.CALL_TIMEOUT.toMillis());

        assertThat(caller.call(OrdersBean.ALIAS, "nothing", null, Object.class))
                .as("void answers an empty payload")
                .isNull();
    }

    @Test
    void generalListenerAnswersWithWhatItReturns() {
        caller.awaitPublished(ListenerBean.ALIAS, PUBLISHED_WITHIN);

        JsonNode echoed =
                caller.call(ListenerBean.ALIAS, "echo", Map.of("n", 42, "list", List.of(1, 2, 3)), JsonNode.class);
        assertThat(echoed.path("n").asInt()).isEqualTo(42);
        assertThat(echoed.path("list")).hasSize(3);
    }

    @Test
    void anExceptionInTheBeanIsAHandlerErrorWithItsMessage() {
        caller.awaitPublished(OrdersBean.ALIAS, PUBLISHED_WITHIN);
        caller.awaitPublished(ListenerBean.ALIAS, PUBLISHED_WITHIN);

        CallException rejected = catchThrowableOfType(
                CallException.class, () -> caller.call(OrdersBean.ALIAS, "reject", "too expensive", Object.class));
        assertThat(rejected.code()).isEqualTo(ResultCode.HANDLER_ERROR);
        assertThat(rejected.getMessage()).contains("rejected: too expensive");

        CallException failed = catchThrowableOfType(
                CallException.class, () -> caller.call(ListenerBean.ALIAS, "fail", "on purpose", Object.class));
        assertThat(failed.code()).isEqualTo(ResultCode.HANDLER_ERROR);
        assertThat(failed.getMessage()).contains("listener failed on purpose: on purpose");

        // The bean keeps answering after a failure.
        assertThat(caller.call(OrdersBean.ALIAS, "price", new Line("plum", 1, 7), Long.class))
                .isEqualTo(7L);
    }

    @Test
    void aMethodTheBeanDoesNotPublishIsUnknown() {
        caller.awaitPublished(OrdersBean.ALIAS, PUBLISHED_WITHIN);

        CallException unknown = catchThrowableOfType(
                CallException.class, () -> caller.call(OrdersBean.ALIAS, "refund", "x", Object.class));
        assertThat(unknown.code()).isEqualTo(ResultCode.UNKNOWN_METHOD);
    }

    @Test
    void maxConcurrencyCapsDeliveriesInProgressAndTheRestAreBusyNotLost() throws Exception {
        caller.awaitPublished(ThrottledBean.ALIAS, PUBLISHED_WITHIN);
        int callers = 50;

        List<CompletableFuture<PlainCaller.Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(caller.attemptAsync(ThrottledBean.ALIAS, "work", null, PlainCaller.CALL_TIMEOUT));
        }
        List<PlainCaller.Outcome> outcomes = new ArrayList<>();
        for (CompletableFuture<PlainCaller.Outcome> call : calls) {
            // Each call has a 10 s deadline of its own: a minute means one hangs.
            outcomes.add(call.get(60, TimeUnit.SECONDS));
        }

        long ok = outcomes.stream().filter(PlainCaller.Outcome::ok).count();
        long busy = outcomes.stream().filter(o -> "busy".equals(o.code())).count();
        assertThat(outcomes)
                .as("every call is answered ok or busy")
                .allSatisfy(o -> assertThat(o.ok() || "busy".equals(o.code()))
                        .as("%s", o)
                        .isTrue());
        assertThat(ok + busy).isEqualTo(callers);
        assertThat(ok)
                .as("at least the first %d are served", ThrottledBean.MAX_CONCURRENCY)
                .isGreaterThanOrEqualTo(ThrottledBean.MAX_CONCURRENCY);
        assertThat(busy).as("the server refused what the cap did not let in").isPositive();
        for (PlainCaller.Outcome outcome : outcomes) {
            if (outcome.ok()) {
                assertThat(((Number) outcome.value()).intValue())
                        .as("in progress when it entered: %s", outcome)
                        .isBetween(1, ThrottledBean.MAX_CONCURRENCY);
            }
        }

        int peak = caller.call(ThrottledBean.ALIAS, "peak", null, Integer.class);
        assertThat(peak)
                .as("the most executions in progress at once, measured inside the bean")
                .isEqualTo(ThrottledBean.MAX_CONCURRENCY);
        System.out.printf(
                "maxConcurrency=%d, %d callers: %d ok, %d busy, peak %d in progress%n",
                ThrottledBean.MAX_CONCURRENCY, callers, ok, busy, peak);
    }
}
