package io.switchboard.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.glassfish.tx.ForcedRollback;
import io.switchboard.glassfish.tx.SubmitterBean;
import io.switchboard.glassfish.tx.TransactedHoldBean;
import io.switchboard.glassfish.tx.TxServlet;
import io.switchboard.testsupport.Poll;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Issue 17 on GlassFish 7: a {@code @Stateless} bean, container-managed {@code REQUIRED}, submits three async calls
 * through a connector resource whose pool was created {@code --transactionsupport XATransaction} (the calls go into
 * the transaction's XA branch at the server and run only after the commit) or {@code LocalTransaction} (the calls
 * are held in the managed connection and sent after the commit). The calls go to the {@link RecordingPublisher} in
 * the test JVM. "None arrived" is proven by a marker call sent afterwards, outside any transaction, arriving first.
 * Plus a transacted message-driven bean on a {@code hold} session, rolled back once, redelivered, then {@code ok}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransactionsIT {

    private static final Duration CALL_WITHIN = Duration.ofSeconds(30);
    private static RecordingPublisher recorder;

    @Deployment(name = "tx-app", testable = false)
    public static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, TxApp.CONTEXT + ".war")
                .addClasses(SubmitterBean.class, TxServlet.class, ForcedRollback.class, TransactedHoldBean.class)
                .addAsWebInfResource("tx/glassfish-ejb-jar.xml", "glassfish-ejb-jar.xml");
    }

    @BeforeAll
    static void publishRecorder() {
        recorder = new RecordingPublisher(TestSwitchboard.get().tcpUrl());
    }

    @AfterAll
    static void closeRecorder() {
        if (recorder != null) {
            recorder.close();
        }
    }

    /** Every test starts with nothing left over: a marker sent with no transaction, and all before it skipped. */
    @BeforeEach
    void startWithNothingLeftOver() {
        String sync = "sync-" + UUID.randomUUID();
        TxApp.xa().marker(sync);
        List<String> leftOver = recorder.skipPast(sync);
        if (!leftOver.isEmpty()) {
            LoggerFactory.getLogger(getClass()).warn("calls left over from an earlier test: {}", leftOver);
        }
    }

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void xaBeanThatSubmitsThreeCallsAndThenThrowsSendsNone() {
        assertRollbackSendsNone(TxApp.xa());
    }

    @Test
    void xaBeanThatCommitsSendsAllThreeInOrderOnce() {
        assertCommitSendsThreeInOrderOnce(TxApp.xa());
    }

    @Test
    void localTransactionBeanThatSubmitsThreeCallsAndThenThrowsSendsNone() {
        assertRollbackSendsNone(TxApp.local());
    }

    @Test
    void localTransactionBeanThatCommitsSendsAllThreeInOrderOnce() {
        assertCommitSendsThreeInOrderOnce(TxApp.local());
    }

    @Test
    void aTransactedMessageDrivenBeanRolledBackOnceIsRedeliveredThenOk() {
        Poll.until(
                "the transacted bean has published " + TransactedHoldBean.ALIAS,
                CALL_WITHIN,
                () -> recorder.client().list().stream().anyMatch(s -> s.alias().equals(TransactedHoldBean.ALIAS)));
        String key = run + "-rent";

        String answer = recorder.client().call(TransactedHoldBean.ALIAS, "book", key, String.class, CALL_WITHIN);

        assertThat(answer).isEqualTo(key + " booked on delivery 2");
        assertThat(recorder.client().call(TransactedHoldBean.ALIAS, "outcomes", key, List.class, CALL_WITHIN))
                .as("the first transaction rolled back, the redelivery's committed")
                .containsExactly("rolled back", "committed");
    }

    private void assertRollbackSendsNone(TxApp app) {
        String answer = app.submitAndRollBack(run + "-1", run + "-2", run + "-3");
        assertThat(answer).startsWith("rolled-back").contains("ForcedRollback");

        // The bean's request has ended, so the rollback has: the three calls could have arrived by now.
        app.marker(run + "-marker");
        assertThat(recorder.next(1))
                .as("the marker is the first call the publisher gets")
                .containsExactly(run + "-marker");
    }

    private void assertCommitSendsThreeInOrderOnce(TxApp app) {
        // The servlet answers after the three tickets' results came back: they ran, so a marker cannot overtake them.
        assertThat(app.submitAndCommit(run + "-1", run + "-2", run + "-3"))
                .isEqualTo("committed: " + run + "-1," + run + "-2," + run + "-3");

        assertThat(recorder.next(3)).containsExactly(run + "-1", run + "-2", run + "-3");
        app.marker(run + "-marker");
        assertThat(recorder.next(1)).as("nothing more before the marker").containsExactly(run + "-marker");
    }
}
