package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.arquillian.inbound.BurstBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter queues deliveries and drains them with a few works rather than one work per call: many more calls
 * than {@code maxConcurrency}, kept exactly at the cap in flight, all reach the bean in real WildFly exactly once
 * and each caller gets the answer to its own call.
 */
@ServerSetup(InboundBurstIT.Setup.class)
class InboundBurstIT extends InboundDeployments {

    static class Setup extends AdapterSetup {}

    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(30);
    private static final int CALLS = 4_000;
    private static PlainCaller caller;

    @Deployment(name = "beans", order = 2, testable = false)
    public static JavaArchive beans() {
        return beans("inbound-burst", BurstBean.class);
    }

    @BeforeAll
    static void connect() {
        caller = new PlainCaller("it-burst-caller");
    }

    @AfterAll
    static void disconnect() {
        if (caller != null) {
            caller.close();
        }
    }

    @Test
    void callsFarBeyondMaxConcurrencyAreEachDeliveredOnceWithTheirOwnAnswers() throws Exception {
        caller.awaitPublished(BurstBean.ALIAS, PUBLISHED_WITHIN);
        Semaphore window = new Semaphore(BurstBean.MAX_CONCURRENCY);
        List<CompletableFuture<PlainCaller.Outcome>> calls = new ArrayList<>(CALLS);
        for (long n = 0; n < CALLS; n++) {
            assertThat(window.tryAcquire(30, TimeUnit.SECONDS))
                    .as("a call slot frees up")
                    .isTrue();
            CompletableFuture<PlainCaller.Outcome> call =
                    caller.attemptAsync(BurstBean.ALIAS, "mark", n, PlainCaller.CALL_TIMEOUT);
            call.whenComplete((outcome, failure) -> window.release());
            calls.add(call);
        }
        for (int n = 0; n < CALLS; n++) {
            PlainCaller.Outcome outcome = calls.get(n).get(30, TimeUnit.SECONDS);
            assertThat(outcome.ok())
                    .as("call %d: %s (never busy at exactly the cap)", n, outcome)
                    .isTrue();
            assertThat(((Number) outcome.value()).longValue())
                    .as("call %d got its own answer", n)
                    .isEqualTo(BurstBean.answerFor(n));
        }
        assertThat(caller.call(BurstBean.ALIAS, "distinct", null, Integer.class))
                .as("every call reached the bean")
                .isEqualTo(CALLS);
        assertThat(caller.call(BurstBean.ALIAS, "repeated", null, Long.class))
                .as("none twice")
                .isZero();
    }
}
