package io.switchboard.jca.adapter.inbound;

import static io.switchboard.jca.adapter.inbound.InboundBed.PATIENCE;
import static io.switchboard.jca.adapter.inbound.InboundBed.await;
import static io.switchboard.jca.adapter.inbound.InboundBed.listed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.CallException;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.ResultCode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transacted deliveries (container-managed REQUIRED) against a real server: the adapter's XA resource is enlisted,
 * the call is answered after the commit, and a rollback is redelivered on a {@code hold} session or answered
 * {@code handler-error} with its reason.
 */
class TransactedDeliveryTest {

    private InboundBed bed;
    private TestEndpointFactory ledger;

    @BeforeEach
    void resetLedger() {
        Ledger.failuresLeft.set(0);
        Ledger.deliveryCounts.clear();
        ledger = new TestEndpointFactory(Ledger.class, Ledger.Endpoint::new);
        ledger.transacted = true;
    }

    @AfterEach
    void close() throws Exception {
        ledger.log.commitGate.countDown();
        if (bed != null) {
            bed.close();
        }
    }

    /** Publishes the ledger with {@code policy} (null: unset) and returns a caller that sees it. */
    private SwitchboardClient published(String policy, Integer maxRedeliveries) throws Exception {
        bed = InboundBed.start();
        SwitchboardActivationSpec spec = InboundBed.spec("ledger");
        spec.setPolicy(policy);
        spec.setMaxRedeliveries(maxRedeliveries);
        bed.activate(ledger, spec);
        SwitchboardClient caller = bed.caller("clerk");
        await("ledger is published", () -> listed(caller, "ledger").isPresent());
        return caller;
    }

    /** An attribute of the ledger activation's MBean. */
    private static Object mbean(String attribute) throws Exception {
        return ManagementFactory.getPlatformMBeanServer()
                .getAttribute(ActivationMBeans.objectName("ledger"), attribute);
    }

    @Test
    void aRollbackOnAHoldSessionIsDeliveredAgainAndTheCallerGetsOneOk() throws Exception {
        SwitchboardClient caller = published("hold", null);
        Ledger.failuresLeft.set(1);

        assertThat(caller.call("ledger", "book", "rent", String.class)).isEqualTo("booked rent");

        assertThat(Ledger.deliveryCounts).as("delivered, then redelivered").containsExactly(1, 2);
        assertThat(mbean("Redeliveries")).isEqualTo(1L);
        assertThat(mbean("CallsDelivered")).isEqualTo(1L);
        assertThat(mbean("CallsRolledBack")).isEqualTo(0L);
        assertThat(ledger.log.rollbacks).hasValue(1);
        assertThat(ledger.log.commits).hasValue(1);
        assertThat(ledger.log.withXaResource)
                .as("each delivery enlists its own XA resource")
                .containsExactly(true, true);
        await("both endpoints are released", () -> ledger.log.released.get() == 2);
        assertThat(ledger.log.breaches).isEmpty();
    }

    @Test
    void theCallIsAnsweredOnlyOnceTheTransactionHasCommitted() throws Exception {
        SwitchboardClient caller = published(null, null);
        ledger.log.commitGate = new CountDownLatch(1);

        CompletableFuture<String> answer = caller.callAsync("ledger", "book", "rent", String.class);
        await("the bean ran and the container is committing", () -> Ledger.deliveryCounts.size() == 1);
        assertThat(answer).as("no answer before the commit").isNotDone();
        ledger.log.commitGate.countDown();

        assertThat(answer.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("booked rent");
        assertThat(ledger.log.commits).hasValue(1);
    }

    @Test
    void aRollbackOnASessionThatDoesNotHoldIsAHandlerErrorWithTheReason() throws Exception {
        SwitchboardClient caller = published(null, null);
        Ledger.failuresLeft.set(1);

        assertThatThrownBy(() -> caller.call("ledger", "book", "rent", String.class))
                .isInstanceOfSatisfying(CallException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.HANDLER_ERROR);
                    assertThat(e.getMessage()).isEqualTo("handler-error: the transaction rolled back: ledger locked");
                });
        assertThat(Ledger.deliveryCounts).as("not redelivered").containsExactly(1);
        assertThat(ledger.log.rollbacks).hasValue(1);
    }

    @Test
    void setRollbackOnlyWithoutAnExceptionVoidsTheBeansAnswer() throws Exception {
        SwitchboardClient caller = published("fail", null);

        assertThatThrownBy(() -> caller.call("ledger", "veto", null, String.class))
                .isInstanceOfSatisfying(CallException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.HANDLER_ERROR);
                    assertThat(e.getMessage())
                            .isEqualTo("handler-error: the transaction rolled back: the bean marked it rollback-only");
                });
    }

    @Test
    void whenTheRedeliveriesRunOutTheCallEndsAHandlerErrorMarkedRedelivered() throws Exception {
        SwitchboardClient caller = published("hold", 2);
        Ledger.failuresLeft.set(10);

        assertThatThrownBy(() -> caller.call("ledger", "book", "rent", String.class))
                .isInstanceOfSatisfying(CallException.class, e -> {
                    assertThat(e.code()).isEqualTo(ResultCode.HANDLER_ERROR);
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "handler-error: the transaction rolled back 3 times (redelivered 2 times): ledger locked");
                });
        assertThat(Ledger.deliveryCounts).containsExactly(1, 2, 3);
        assertThat(ledger.log.rollbacks).hasValue(3);
        assertThat(ledger.log.commits).hasValue(0);
        assertThat(mbean("Redeliveries")).isEqualTo(2L);
        assertThat(mbean("CallsRolledBack")).isEqualTo(1L);
        assertThat(mbean("CallsFailed")).as("the bean's own failures only").isEqualTo(0L);
    }

    @Test
    void noRedeliveriesOnAHoldSessionMeansTheFirstRollbackAnswers() throws Exception {
        SwitchboardClient caller = published("hold", 0);
        Ledger.failuresLeft.set(1);

        assertThatThrownBy(() -> caller.call("ledger", "book", "rent", String.class))
                .isInstanceOfSatisfying(
                        CallException.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("handler-error: the transaction rolled back: ledger locked"));
        assertThat(Ledger.deliveryCounts).containsExactly(1);
    }

    @Test
    void aCallWhoseDeadlinePassedIsNotDeliveredAgain() throws Exception {
        SwitchboardClient caller = published("hold", 3);

        CompletableFuture<String> answer =
                caller.callAsync("ledger", "overrun", null, String.class, Duration.ofMillis(300));
        // The server's timer and the adapter's own deadline check race: whichever answers first, the call fails.
        assertThatThrownBy(() -> answer.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(CallException.class)
                .hasMessageMatching("(?s).*(timeout|the deadline passed before the call could be delivered again).*");
        await("the adapter gave up on the call", () -> {
            try {
                return Long.valueOf(1L).equals(mbean("RefusedExpired"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(Ledger.deliveryCounts).as("no redelivery past the deadline").containsExactly(1);
        assertThat(mbean("Redeliveries")).isEqualTo(0L);
    }

    @Test
    void anExceptionThatDoesNotRollBackIsAHandlerErrorAndIsNotRedelivered() throws Exception {
        SwitchboardClient caller = published("hold", null);

        assertThatThrownBy(() -> caller.call("ledger", "decline", null, String.class))
                .isInstanceOfSatisfying(
                        CallException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("handler-error: declined, and committed"));
        assertThat(ledger.log.commits).hasValue(1);
        assertThat(ledger.log.rollbacks).hasValue(0);
        assertThat(ledger.log.created).as("delivered once").hasValue(1);
    }

    @Test
    void aTransactionWithOtherResourcesPreparesTheDeliveryThenCommits() throws Exception {
        SwitchboardClient caller = published(null, null);
        ledger.twoPhase = true;

        assertThat(caller.call("ledger", "book", "rent", String.class)).isEqualTo("booked rent");
        assertThat(ledger.log.commits).hasValue(1);
        assertThat(ledger.log.breaches).as("prepare voted XA_OK").isEmpty();
    }

    @Test
    void aNonTransactedDeliveryGetsNoXaResourceAndBehavesAsBefore() throws Exception {
        ledger.transacted = false;
        SwitchboardClient caller = published("hold", null);

        assertThat(caller.call("ledger", "book", "rent", String.class)).isEqualTo("booked rent");
        assertThat(ledger.log.withXaResource).containsExactly(false);
        assertThat(ledger.log.commits.get() + ledger.log.rollbacks.get()).isZero();
    }

    @Test
    void aContainerThatDoesNotEnlistTheResourceIsAnsweredAsANonTransactedDelivery() throws Exception {
        ledger.ignoresXaResource = true;
        SwitchboardClient caller = published("hold", null);

        assertThat(caller.call("ledger", "book", "rent", String.class)).isEqualTo("booked rent");
        assertThat(ledger.log.withXaResource).as("offered, not enlisted").containsExactly(true);
    }
}
