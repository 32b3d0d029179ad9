package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.jboss.as.arquillian.api.ServerSetup;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, outbound on-commit mode in WildFly 39: the connection definition is {@code LocalTransaction}, so a
 * {@code REQUIRED} bean's submits are buffered in the managed connection and sent only after the transaction
 * commits, dropped when it rolls back. Proven as in {@link OutboundXaIT}, with a marker call.
 */
@ServerSetup(OutboundOnCommitIT.Setup.class)
class OutboundOnCommitIT extends TransactionDeployments {

    static class Setup extends TransactionAdapterSetup {
        Setup() {
            super("LocalTransaction");
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
    void aTicketKnowsNeitherIdNorResultBeforeCommitAndResolvesAfter() {
        Map<String, String> ticket = app.ticket(run + "-ticket");

        assertThat(ticket.get("result-inside")).startsWith("IllegalStateException: ");
        // On commit: nothing was sent yet, so the server has issued no ticket id.
        assertThat(ticket.get("id-inside")).startsWith("IllegalStateException: ");
        assertThat(ticket.get("result")).isEqualTo(run + "-ticket");
        assertThat(ticket.get("fetched")).isEqualTo(run + "-ticket");
        assertThat(recorder.next(1)).containsExactly(run + "-ticket");
    }
}
