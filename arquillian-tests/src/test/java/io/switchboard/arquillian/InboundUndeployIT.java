package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.arquillian.inbound.DrainBean;
import io.switchboard.arquillian.inbound.Gauge;
import io.switchboard.arquillian.inbound.Holds;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inbound point 6: undeploying a message-driven bean with calls in progress inside it (drain timeout 2 s).
 *
 * <p>What WildFly does, measured here: on undeploy it first refuses new invocations of the bean, then waits for the
 * invocations in progress to return, and only then deactivates the endpoint (the adapter rescinds the session and
 * drains). A call already executing in the bean is therefore never cut off, whatever the drain timeout; the undeploy
 * lasts as long as the longest such call.
 */
@ServerSetup(InboundUndeployIT.Setup.class)
class InboundUndeployIT extends InboundDeployments {

    static class Setup extends AdapterSetup {}

    private static final String DRAIN = "drain";
    private static final long SHORT_MILLIS = 1_200;
    /** Longer than the drain timeout. */
    private static final long LONG_MILLIS = 4_000;

    private static final Duration CALL_DEADLINE = Duration.ofSeconds(20);
    /** Room for WildFly's own undeploy work on a loaded 2-core machine. */
    private static final Duration UNDEPLOY_SLACK = Duration.ofSeconds(4);
    /** How the server answers when a publisher goes away; a call may also simply be answered. */
    private static final Set<String> WENT_AWAY = Set.of("publisher-lost", "shutting-down", "no-such-session");

    private static PlainCaller caller;
    private boolean deployed;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DRAIN, managed = false, testable = false)
    public static JavaArchive drain() {
        return beans("inbound-drain", DrainBean.class, Gauge.class, Holds.class);
    }

    @BeforeAll
    static void connect() {
        caller = new PlainCaller("it-drain-caller");
    }

    @AfterEach
    void undeployIfATestFailedEarly() {
        if (deployed) {
            undeploy();
        }
    }

    @AfterAll
    static void disconnect() {
        if (caller != null) {
            caller.close();
        }
    }

    @Test
    void callsInProgressShorterThanTheDrainCompleteAndUndeployEndsWithinIt() throws Exception {
        deploy();
        List<CompletableFuture<PlainCaller.Outcome>> calls = List.of(hold(SHORT_MILLIS), hold(SHORT_MILLIS));
        awaitInBean(2);

        Duration undeploy = undeploy();

        for (CompletableFuture<PlainCaller.Outcome> call : calls) {
            PlainCaller.Outcome outcome = call.get(30, TimeUnit.SECONDS);
            assertThat(outcome.ok())
                    .as("a call in progress that fits in the drain timeout is answered: %s", outcome)
                    .isTrue();
            assertThat(((Number) outcome.value()).longValue()).isEqualTo(SHORT_MILLIS);
        }
        System.out.printf(
                "undeploy with two %d ms calls in progress took %d ms (drain timeout %d ms)%n",
                SHORT_MILLIS, undeploy.toMillis(), DrainBean.DRAIN_MILLIS);
        assertThat(undeploy)
                .isLessThan(Duration.ofMillis(DrainBean.DRAIN_MILLIS).plus(UNDEPLOY_SLACK));
        caller.awaitGone(DrainBean.ALIAS);
    }

    @Test
    void aCallLongerThanTheDrainIsAnsweredAndTheUndeployEndsSoonAfterIt() throws Exception {
        LongCallScenario scenario = undeployWithALongCallInProgress();

        assertThat(scenario.longCall().ok()
                        || WENT_AWAY.contains(scenario.longCall().code()))
                .as("%s", scenario.longCall())
                .isTrue();
        assertThat(scenario.undeploy())
                .as("no hang: the undeploy ends once the call in the bean has returned")
                .isLessThan(Duration.ofMillis(LONG_MILLIS).plus(UNDEPLOY_SLACK));
    }

    @Test
    void callsArrivingWhileTheBeanStopsAreRefusedAsAPublisherThatWentAwayNotAsHandlerErrors() throws Exception {
        LongCallScenario scenario = undeployWithALongCallInProgress();

        assertThat(scenario.lateCall().ok()
                        || WENT_AWAY.contains(scenario.lateCall().code()))
                .as("a call arriving during the undeploy: %s", scenario.lateCall())
                .isTrue();
    }

    /** What undeploying with a call longer than the drain timeout in the bean gives, and a call made meanwhile. */
    private record LongCallScenario(Duration undeploy, PlainCaller.Outcome longCall, PlainCaller.Outcome lateCall) {}

    private LongCallScenario undeployWithALongCallInProgress() throws Exception {
        deploy();
        CompletableFuture<PlainCaller.Outcome> longCall = hold(LONG_MILLIS);
        awaitInBean(1);

        // Nothing outside WildFly shows when it has begun stopping the bean, so this call waits a moment first.
        // Made too early, it is simply answered, which every test here accepts.
        CompletableFuture<PlainCaller.Outcome> lateCall = CompletableFuture.supplyAsync(() -> {
            Poll.until("a moment into the undeploy", Duration.ofSeconds(1), new Pause(Duration.ofMillis(300))::over);
            return caller.attempt(DrainBean.ALIAS, "hold", 0L, Duration.ofSeconds(5));
        });
        Duration undeploy = undeploy(); // Arquillian's Deployer works on the test's thread only
        LongCallScenario scenario =
                new LongCallScenario(undeploy, longCall.get(30, TimeUnit.SECONDS), lateCall.get(30, TimeUnit.SECONDS));
        System.out.printf(
                "undeploy with a %d ms call in progress took %d ms (drain timeout %d ms); that call: %s;"
                        + " a call during the undeploy: %s%n",
                LONG_MILLIS, undeploy.toMillis(), DrainBean.DRAIN_MILLIS, scenario.longCall(), scenario.lateCall());
        caller.awaitGone(DrainBean.ALIAS);
        return scenario;
    }

    private CompletableFuture<PlainCaller.Outcome> hold(long millis) {
        return caller.attemptAsync(DrainBean.ALIAS, "hold", millis, CALL_DEADLINE);
    }

    /** Until the calls are executing in the bean, not just forwarded by the server. */
    private static void awaitInBean(int calls) {
        Poll.until(
                calls + " calls executing in the bean",
                () -> caller.call(DrainBean.ALIAS, "inProgress", null, Integer.class) == calls);
    }

    private void deploy() {
        deployer.deploy(DRAIN);
        deployed = true;
        caller.awaitPublished(DrainBean.ALIAS, Poll.DEADLINE);
    }

    private Duration undeploy() {
        long start = System.nanoTime();
        deployer.undeploy(DRAIN);
        deployed = false;
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** A condition that holds once a span has passed since its creation. */
    private record Pause(long until) {
        Pause(Duration span) {
            this(System.nanoTime() + span.toNanos());
        }

        boolean over() {
            return System.nanoTime() - until >= 0;
        }
    }
}
