package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.arquillian.inbound.Holds;
import io.switchboard.arquillian.inbound.OutageBean;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Inbound points 4 and 5: a message-driven bean deploys while the Switchboard server is down and publishes its
 * session once the server is up; after a server restart it publishes again by itself. Callers during an outage get a
 * failure within their deadline, never a hang. The bean reconnects with a short backoff (100 ms doubling to 400 ms).
 */
@ServerSetup(InboundOutageIT.Setup.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboundOutageIT extends InboundDeployments {

    static class Setup extends AdapterSetup {}

    private static final String OUTAGE = "outage";
    /** Far above the 400 ms backoff cap, far below anything that looks like a default (30 s) backoff. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(10);
    /** What a call in flight or made during the outage may end with. */
    private static final Set<String> OUTAGE_OUTCOMES = Set.of(
            "shutting-down", "publisher-lost", "no-such-session", "ConnectionLostException", "NotConnectedException");

    private static PlainCaller caller;
    private static boolean deployed;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = OUTAGE, managed = false, testable = false)
    public static JavaArchive outage() {
        return beans("inbound-outage", OutageBean.class, Holds.class);
    }

    @BeforeAll
    static void connect() {
        caller = new PlainCaller("it-outage-caller");
    }

    @AfterAll
    static void disconnect() {
        if (caller != null) {
            caller.close();
        }
    }

    @Test
    @Order(1)
    void deploysWhileTheServerIsDownAndPublishesOnceItIsUp() {
        TestSwitchboard switchboard = TestSwitchboard.get();
        switchboard.stop();
        try {
            deployer.deploy(OUTAGE); // throws if the deployment fails
            deployed = true;
            assertThat(switchboard.isRunning()).isFalse();

            switchboard.start();
            long started = System.nanoTime();
            caller.awaitPublished(OutageBean.ALIAS, BACK_WITHIN);
            System.out.printf(
                    "deployed while down: session published %d ms after the server started%n",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());

            assertThat(caller.call(OutageBean.ALIAS, "echo", "up at last", String.class))
                    .isEqualTo("up at last");
        } finally {
            switchboard.start();
            switchboard.awaitPublished();
        }
    }

    @Test
    @Order(2)
    void republishesAfterAServerRestartAndCallersDuringTheOutageFailWithinTheirDeadline() throws Exception {
        TestSwitchboard switchboard = TestSwitchboard.get();
        if (!deployed) {
            deployer.deploy(OUTAGE);
            deployed = true;
        }
        try {
            caller.awaitPublished(OutageBean.ALIAS, Poll.DEADLINE);
            assertThat(caller.call(OutageBean.ALIAS, "echo", "before", String.class))
                    .isEqualTo("before");

            CompletableFuture<PlainCaller.Outcome> inFlight =
                    caller.attemptAsync(OutageBean.ALIAS, "hold", 5_000L, PlainCaller.CALL_TIMEOUT);
            Poll.until(
                    "the hold call is in progress in the bean",
                    () -> switchboard.stats().outstandingDeliveries() == 1);
            switchboard.stop();

            PlainCaller.Outcome cut = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(cut.ok()).as("%s", cut).isFalse();
            assertThat(cut.code()).as("%s", cut).isIn(OUTAGE_OUTCOMES);
            assertThat(cut.took())
                    .as("ended by the outage, not by its deadline: %s", cut)
                    .isLessThan(PlainCaller.CALL_TIMEOUT);

            Duration deadline = Duration.ofSeconds(2);
            PlainCaller.Outcome during = caller.attempt(OutageBean.ALIAS, "echo", "while down", deadline);
            assertThat(during.ok()).as("%s", during).isFalse();
            assertThat(during.code()).as("%s", during).isIn(OUTAGE_OUTCOMES);
            assertThat(during.took())
                    .as("no hang past the deadline: %s", during)
                    .isLessThan(deadline.plusSeconds(3));

            switchboard.start();
            long started = System.nanoTime();
            caller.awaitPublished(OutageBean.ALIAS, BACK_WITHIN);
            System.out.printf(
                    "server restart: session published again %d ms after the server started%n",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            assertThat(caller.call(OutageBean.ALIAS, "echo", "after", String.class))
                    .isEqualTo("after");
            assertThat(caller.session(OutageBean.ALIAS).orElseThrow().publishers())
                    .as("one publisher again, not a stale one next to the new")
                    .isEqualTo(1);
        } finally {
            switchboard.start();
            switchboard.awaitPublished();
            deployer.undeploy(OUTAGE);
            deployed = false;
        }
    }
}
