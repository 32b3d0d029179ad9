package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.arquillian.support.RecordingPublisher;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, outbound XA in WildFly 39: the connection definition is {@code XATransaction}, so a {@code REQUIRED}
 * bean's submits go to the server at once in the transaction's XA branch and run only if the transaction commits.
 * The calls go to the {@link RecordingPublisher}; "none arrived" is proven by a marker call sent after the
 * transaction, outside it, arriving first.
 */
@ServerSetup(OutboundXaIT.Setup.class)
class OutboundXaIT extends TransactionDeployments {

    static class Setup extends TransactionAdapterSetup {
        Setup() {
            super("XATransaction");
        }

        @Override
        void adjust(Map<String, ModelNode> poolAttributes, Map<String, String> configProperties) {
            super.adjust(poolAttributes, configProperties);
            // WildFly registers the definition for XA recovery only with recovery credentials (without them it logs
            // IJ020016 "XA recovery disabled"). The test server has no authentication, so any user will do.
            poolAttributes.put("recovery-username", new ModelNode("recovery"));
            poolAttributes.put("recovery-password", new ModelNode("recovery"));
        }
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aBeanThatSubmitsThreeCallsAndThenThrowsSendsNone() {
        String answer = app.submitAndRollBack(run + "-1", run + "-2", run + "-3");
        assertThat(answer).startsWith("rolled-back").contains("ForcedRollback");

        app.marker(run + "-marker");
        assertThat(recorder.next(1))
                .as("the marker is the first call the publisher gets")
                .containsExactly(run + "-marker");
    }

    @Test
    void theSameBeanCommittingSendsAllThreeInOrderOnce() {
        assertThat(app.submitAndCommit(run + "-1", run + "-2", run + "-3")).isEqualTo("committed");

        assertThat(recorder.next(3)).containsExactly(run + "-1", run + "-2", run + "-3");
        app.marker(run + "-marker");
        assertThat(recorder.next(1)).as("nothing more before the marker").containsExactly(run + "-marker");
    }

    @Test
    void aJpaWriteAndASubmitRolledBackTogetherLeaveNoRowAndNoCall() {
        String order = run + "-order";
        assertThat(app.placeOrder(order, false)).startsWith("rolled-back").contains("ForcedRollback");

        assertThat(app.orderExists(order)).isFalse();
        app.marker(run + "-marker");
        assertThat(recorder.next(1)).as("the order's call never ran").containsExactly(run + "-marker");
    }

    @Test
    void aJpaWriteAndASubmitCommittedTogetherLeaveTheRowAndTheCall() {
        // ExampleDS is not XA: Narayana prepares our branch, commits the datasource as the last resource, then
        // commits our branch (two-phase, with a prepare at the server).
        String order = run + "-order";
        assertThat(app.placeOrder(order, true)).isEqualTo("committed");

        assertThat(app.orderExists(order)).isTrue();
        assertThat(recorder.next(1)).containsExactly(order);
        app.marker(run + "-marker");
        assertThat(recorder.next(1)).as("the order's call ran once").containsExactly(run + "-marker");
    }

    @Test
    void aTicketRefusesItsResultInsideTheTransactionAndResolvesAfterCommit() {
        Map<String, String> ticket = app.ticket(run + "-ticket");

        assertThat(ticket.get("result-inside")).startsWith("IllegalStateException: ");
        // XA: the server issued the ticket at submit, inside the branch.
        assertThat(ticket.get("id-inside")).isEqualTo("returned");
        assertThat(ticket.get("result")).isEqualTo(run + "-ticket");
        assertThat(ticket.get("fetched")).isEqualTo(run + "-ticket");
        assertThat(recorder.next(1)).isEqualTo(List.of(run + "-ticket"));
    }
}
