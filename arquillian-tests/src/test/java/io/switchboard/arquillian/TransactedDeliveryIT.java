package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.arquillian.inbound.TransactedFailBean;
import io.switchboard.arquillian.inbound.TransactedHoldBean;
import io.switchboard.arquillian.inbound.TransactionOutcomes;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transacted message-driven beans in WildFly (container-managed REQUIRED): the adapter's XA resource is enlisted in
 * the container's transaction, the call is answered after the commit, and a rollback is redelivered on a
 * {@code hold} session (then {@code handler-error}, marked redelivered, once {@code maxRedeliveries} ran out) or
 * answered {@code handler-error} with its reason otherwise. The caller is a plain client in the test JVM; the beans'
 * transaction synchronizations say how each transaction really ended.
 */
@ServerSetup(TransactedDeliveryIT.Setup.class)
class TransactedDeliveryIT extends InboundDeployments {

    static class Setup extends AdapterSetup {}

    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(30);
    private static final Duration CALL_WITHIN = Duration.ofSeconds(10);
    private static PlainCaller caller;

    @Deployment(name = "beans", order = 2, testable = false)
    public static JavaArchive beans() {
        return beans("transacted", TransactedHoldBean.class, TransactedFailBean.class, TransactionOutcomes.class);
    }

    @BeforeAll
    static void connect() {
        caller = new PlainCaller("it-transacted-caller");
    }

    @AfterAll
    static void disconnect() {
        if (caller != null) {
            caller.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> outcomes(String alias, String key) {
        // The beans share one record: every test uses keys of its own.
        return caller.call(alias, "outcomes", key, List.class);
    }

    @Test
    void aRollbackOnAHoldSessionIsRedeliveredThenOkAndTheCallerGetsExactlyOneResult() {
        caller.awaitPublished(TransactedHoldBean.ALIAS, PUBLISHED_WITHIN);

        PlainCaller.Outcome outcome = caller.attempt(TransactedHoldBean.ALIAS, "book", "hold-rent", CALL_WITHIN);

        assertThat(outcome.ok()).as("%s", outcome).isTrue();
        assertThat(outcome.value()).isEqualTo("hold-rent booked on delivery 2");
        assertThat(outcomes(TransactedHoldBean.ALIAS, "hold-rent"))
                .as("the first transaction rolled back, the redelivery's committed")
                .containsExactly("rolled back", "committed");
    }

    @Test
    void whenTheRedeliveriesRunOutTheCallEndsHandlerErrorMarkedRedelivered() {
        caller.awaitPublished(TransactedHoldBean.ALIAS, PUBLISHED_WITHIN);

        PlainCaller.Outcome outcome = caller.attempt(TransactedHoldBean.ALIAS, "refuse", "fees", CALL_WITHIN);

        assertThat(outcome.code()).as("%s", outcome).isEqualTo("handler-error");
        assertThat(outcome.message())
                .isEqualTo("handler-error: the transaction rolled back 2 times (redelivered 1 time):"
                        + " ledger closed for fees");
        assertThat(outcomes(TransactedHoldBean.ALIAS, "fees")).containsExactly("rolled back", "rolled back");
    }

    @Test
    void aRollbackOnASessionThatDoesNotHoldIsAHandlerErrorWithTheReason() {
        caller.awaitPublished(TransactedFailBean.ALIAS, PUBLISHED_WITHIN);

        PlainCaller.Outcome thrown = caller.attempt(TransactedFailBean.ALIAS, "book", "rent", CALL_WITHIN);
        assertThat(thrown.code()).as("%s", thrown).isEqualTo("handler-error");
        assertThat(thrown.message()).isEqualTo("handler-error: the transaction rolled back: ledger locked for rent");
        assertThat(outcomes(TransactedFailBean.ALIAS, "rent"))
                .as("not redelivered")
                .containsExactly("rolled back");

        PlainCaller.Outcome vetoed = caller.attempt(TransactedFailBean.ALIAS, "veto", "tax", CALL_WITHIN);
        assertThat(vetoed.code()).as("%s", vetoed).isEqualTo("handler-error");
        assertThat(vetoed.message())
                .isEqualTo("handler-error: the transaction rolled back: the bean marked it rollback-only");
        assertThat(outcomes(TransactedFailBean.ALIAS, "tax")).containsExactly("rolled back");
    }

    @Test
    void aCommittedTransactionIsAnsweredOk() {
        caller.awaitPublished(TransactedFailBean.ALIAS, PUBLISHED_WITHIN);

        assertThat(caller.call(TransactedFailBean.ALIAS, "commit", "wages", String.class))
                .isEqualTo("committed wages");
        assertThat(outcomes(TransactedFailBean.ALIAS, "wages")).containsExactly("committed");
    }
}
