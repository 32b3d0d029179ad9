package io.switchboard.jca.adapter;

import static io.switchboard.jca.adapter.OpenedConnections.handle;
import static io.switchboard.jca.adapter.OpenedConnections.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.client.RequestException;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardException;
import io.switchboard.jca.api.Ticket;
import io.switchboard.protocol.ErrorCode;
import jakarta.resource.spi.ConnectionEvent;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The managed connection's XAResource against a real server, driven as a transaction manager drives it: calls
 * submitted in a branch run only after the commit, in order, once; rollback runs none; recovery through a fresh
 * connection; the XAException codes of docs/transactions.md.
 */
class OutboundXaTest {

    private TestBed bed;
    private OrdersPublisher orders;
    private OpenedConnections connections;
    /** Outside any transaction: markers and fetches. */
    private SwitchboardConnection plain;

    @BeforeEach
    void start() throws Exception {
        bed = TestBed.start();
        orders = new OrdersPublisher(bed.tcpUrl());
        connections = new OpenedConnections(bed.factory());
        plain = handle(open());
    }

    @AfterEach
    void stop() {
        connections.close();
        orders.close();
        bed.close();
    }

    private SwitchboardManagedConnection open() throws Exception {
        return connections.open();
    }

    @Test
    void twoPhaseCommitRunsTheBranchsCallsAfterTheCommitInOrderOnce() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        XAResource xa = mc.getXAResource();
        Xid xid = TestXid.of("two-phase");

        xa.start(xid, XAResource.TMNOFLAGS);
        Ticket a = c.submit(OrdersPublisher.ALIAS, "take", "a");
        Ticket b = c.submit(OrdersPublisher.ALIAS, "take", "b");
        Ticket last = c.submit(OrdersPublisher.ALIAS, "take", "c", TestBed.PATIENCE);
        xa.end(xid, XAResource.TMSUCCESS);

        assertThat(a.id()).isNotBlank().isNotEqualTo(b.id());
        assertThatThrownBy(() -> a.result(String.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not committed");
        assertThat(xa.prepare(xid)).isEqualTo(XAResource.XA_OK);
        orders.marker(plain, "prepared");
        assertThat(orders.taken).as("held by the server until the commit").containsExactly("prepared");

        xa.commit(xid, false);

        assertThat(result(last)).isEqualTo("took c");
        assertThat(result(a)).isEqualTo("took a");
        assertThat(plain.fetch(b.id(), String.class, TestBed.PATIENCE)).isEqualTo("took b");
        orders.marker(plain, "after");
        assertThat(orders.taken).containsExactly("prepared", "a", "b", "c", "after");
    }

    @Test
    void rollbackRunsNoneOfTheBranchsCallsPreparedOrNot() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        XAResource xa = mc.getXAResource();
        Xid prepared = TestXid.of("rolled-back-prepared");
        Xid unprepared = TestXid.of("rolled-back-unprepared");

        xa.start(prepared, XAResource.TMNOFLAGS);
        Ticket dropped = c.submit(OrdersPublisher.ALIAS, "take", "never-1");
        c.submit(OrdersPublisher.ALIAS, "take", "never-2");
        xa.end(prepared, XAResource.TMSUCCESS);
        xa.prepare(prepared);
        xa.rollback(prepared);

        xa.start(unprepared, XAResource.TMNOFLAGS);
        c.submit(OrdersPublisher.ALIAS, "take", "never-3");
        xa.end(unprepared, XAResource.TMSUCCESS);
        xa.rollback(unprepared);

        orders.marker(plain, "marker");
        assertThat(orders.taken).containsExactly("marker");
        SwitchboardException gone = catchThrowableOfType(
                SwitchboardException.class, () -> plain.fetch(dropped.id(), String.class, java.time.Duration.ZERO));
        assertThat(gone.code()).isEqualTo("no-such-ticket");
        assertThat(mc.getXAResource().recover(XAResource.TMSTARTRSCAN)).isEmpty();
    }

    @Test
    void onePhaseCommitRunsTheCallsOfAnUnpreparedBranch() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        XAResource xa = mc.getXAResource();
        Xid xid = TestXid.of("one-phase");

        xa.start(xid, XAResource.TMNOFLAGS);
        Ticket ticket = c.submit(OrdersPublisher.ALIAS, "take", "quick");
        xa.end(xid, XAResource.TMSUCCESS);
        xa.commit(xid, true);

        assertThat(result(ticket)).isEqualTo("took quick");
        assertThat(orders.taken).containsExactly("quick");
    }

    @Test
    void aBranchWithoutCallsIsReadOnlyWithoutAskingTheServer() throws Exception {
        SwitchboardManagedConnection mc = open();
        XAResource xa = mc.getXAResource();
        Xid xid = TestXid.of("empty");

        xa.start(xid, XAResource.TMNOFLAGS);
        xa.end(xid, XAResource.TMSUCCESS);

        // The server never heard of the branch (it opens with the first call): asked, it would answer XAER_NOTA.
        assertThat(xa.prepare(xid)).isEqualTo(XAResource.XA_RDONLY);
        XAException unknown = catchThrowableOfType(XAException.class, () -> xa.prepare(TestXid.of("never-started")));
        assertThat(unknown.errorCode).isEqualTo(XAException.XAER_NOTA);
    }

    @Test
    void suspendResumeAndJoinKeepOneBranchAndCallsOutsideItRunAtOnce() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        XAResource xa = mc.getXAResource();
        Xid xid = TestXid.of("suspended");

        xa.start(xid, XAResource.TMNOFLAGS);
        c.submit(OrdersPublisher.ALIAS, "take", "in-1");
        xa.end(xid, XAResource.TMSUSPEND);
        Ticket outside = c.submit(OrdersPublisher.ALIAS, "take", "outside");
        assertThat(result(outside)).isEqualTo("took outside");
        xa.start(xid, XAResource.TMRESUME);
        c.submit(OrdersPublisher.ALIAS, "take", "in-2");
        xa.end(xid, XAResource.TMSUCCESS);
        xa.start(xid, XAResource.TMJOIN);
        Ticket joined = c.submit(OrdersPublisher.ALIAS, "take", "in-3");
        xa.end(xid, XAResource.TMSUCCESS);
        assertThat(orders.taken).containsExactly("outside");

        assertThat(xa.prepare(xid)).isEqualTo(XAResource.XA_OK);
        xa.commit(xid, false);
        assertThat(result(joined)).isEqualTo("took in-3");
        assertThat(orders.taken).containsExactly("outside", "in-1", "in-2", "in-3");
    }

    @Test
    void aBranchEndedFailedRollsBackAtPrepare() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        XAResource xa = mc.getXAResource();
        Xid xid = TestXid.of("failed");

        xa.start(xid, XAResource.TMNOFLAGS);
        c.submit(OrdersPublisher.ALIAS, "take", "never");
        xa.end(xid, XAResource.TMFAIL);

        XAException refused = catchThrowableOfType(XAException.class, () -> xa.prepare(xid));
        assertThat(refused.errorCode).isEqualTo(XAException.XA_RBROLLBACK);
        orders.marker(plain, "marker");
        assertThat(orders.taken).containsExactly("marker");
    }

    @Test
    void aFreshConnectionWithoutHandlesRecoversAPreparedBranchAndCommitsIt() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        XAResource xa = mc.getXAResource();
        TestXid xid = TestXid.of("in-doubt");
        xa.start(xid, XAResource.TMNOFLAGS);
        c.submit(OrdersPublisher.ALIAS, "take", "x");
        String y = c.submit(OrdersPublisher.ALIAS, "take", "y").id();
        xa.end(xid, XAResource.TMSUCCESS);
        xa.prepare(xid);
        mc.destroy(); // the application server went away after prepare

        // What WildFly's recovery does: a connection with the recovery credentials, no handle, recover().
        SwitchboardManagedConnection recovery = open();
        XAResource recovering = recovery.getXAResource();
        Xid[] inDoubt = recovering.recover(XAResource.TMSTARTRSCAN);
        assertThat(inDoubt).hasSize(1);
        assertThat(xid.sameBranch(inDoubt[0])).as("recovered " + inDoubt[0]).isTrue();
        assertThat(recovering.recover(XAResource.TMNOFLAGS)).isEmpty();
        assertThat(recovering.recover(XAResource.TMENDRSCAN)).isEmpty();
        assertThat(recovering.isSameRM(recovering)).isTrue();
        assertThat(recovering.isSameRM(xa))
                .as("an unprepared branch belongs to one connection")
                .isFalse();

        recovering.commit(inDoubt[0], false);

        // The calls run after the commit's ACK: wait for the last one by its ticket before the marker.
        assertThat(plain.fetch(y, String.class, TestBed.PATIENCE)).isEqualTo("took y");
        orders.marker(plain, "after");
        assertThat(orders.taken).containsExactly("x", "y", "after");
        assertThat(recovering.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN))
                .isEmpty();
    }

    @Test
    void aHandleAnswersIsValidAsWildFlysRecoveryPluginAsksItByReflection() throws Exception {
        try (TcpProxy proxy = new TcpProxy(bed.server.tcpPort())) {
            SwitchboardManagedConnection mc = connections.open(bed.factory(proxy.url()));
            Object recoveryHandle = mc.getConnection(null, null);
            // What IronJacamar's DefaultRecoveryPlugin does: getMethod("isValid", int.class), invoke with 5.
            java.lang.reflect.Method isValid = recoveryHandle.getClass().getMethod("isValid", int.class);

            assertThat((Boolean) isValid.invoke(recoveryHandle, 5)).isTrue();
            assertThat((Boolean) isValid.invoke(recoveryHandle, 0))
                    .as("the validation timeout")
                    .isTrue();
            proxy.cut();
            assertThat((Boolean) isValid.invoke(recoveryHandle, 5)).isFalse();

            SwitchboardConnection fresh = handle(open());
            assertThat((Boolean) isValid.invoke(fresh, 5)).isTrue();
            fresh.close();
            assertThat((Boolean) isValid.invoke(fresh, 5)).as("a closed handle").isFalse();
        }
    }

    @Test
    void anUnknownXidIsXaerNotaWithTheServersRefusalAsCause() throws Exception {
        XAResource xa = open().getXAResource();
        Xid unknown = TestXid.of("unknown");

        XAException commit = catchThrowableOfType(XAException.class, () -> xa.commit(unknown, false));
        assertThat(commit.errorCode).isEqualTo(XAException.XAER_NOTA);
        assertThat(commit).hasMessageContaining("commit of branch").hasMessageContaining("XAER_NOTA");
        assertThat(commit.getCause()).isInstanceOf(RequestException.class);
        assertThat(((RequestException) commit.getCause()).code()).isEqualTo(ErrorCode.XA_UNKNOWN_XID);
        assertThat(catchThrowableOfType(XAException.class, () -> xa.rollback(unknown)).errorCode)
                .isEqualTo(XAException.XAER_NOTA);
    }

    @Test
    void startAndEndOutOfOrderAreProtocolErrors() throws Exception {
        XAResource xa = open().getXAResource();
        Xid one = TestXid.of("one");
        Xid two = TestXid.of("two");

        assertThat(catchThrowableOfType(XAException.class, () -> xa.end(one, XAResource.TMSUCCESS)).errorCode)
                .isEqualTo(XAException.XAER_PROTO);
        xa.start(one, XAResource.TMNOFLAGS);
        assertThat(catchThrowableOfType(XAException.class, () -> xa.start(two, XAResource.TMNOFLAGS)).errorCode)
                .isEqualTo(XAException.XAER_PROTO);
        xa.end(one, XAResource.TMSUCCESS);
        assertThat(catchThrowableOfType(XAException.class, () -> xa.start(one, XAResource.TMNOFLAGS)).errorCode)
                .isEqualTo(XAException.XAER_DUPID);
        assertThat(catchThrowableOfType(XAException.class, () -> xa.start(two, XAResource.TMRESUME)).errorCode)
                .isEqualTo(XAException.XAER_NOTA);
        xa.rollback(one);
    }

    @Test
    void aBranchRolledBackWhileAssociatedRefusesFurtherSubmitsAndEndsQuietly() throws Exception {
        SwitchboardManagedConnection mc = open();
        SwitchboardConnection c = handle(mc);
        XAResource xa = mc.getXAResource();
        Xid xid = TestXid.of("timed-out");
        xa.start(xid, XAResource.TMNOFLAGS);
        c.submit(OrdersPublisher.ALIAS, "take", "never");

        xa.rollback(xid); // the transaction manager's reaper, on its own thread, while the application still works

        assertThatThrownBy(() -> c.submit(OrdersPublisher.ALIAS, "take", "late"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rolled back");
        xa.end(xid, XAResource.TMFAIL);
        orders.marker(plain, "marker");
        assertThat(orders.taken).containsExactly("marker");
    }

    @Test
    void theTransactionTimeoutIsRecorded() throws Exception {
        XAResource xa = open().getXAResource();
        assertThat(xa.getTransactionTimeout()).isZero();
        assertThat(xa.setTransactionTimeout(30)).isTrue();
        assertThat(xa.getTransactionTimeout()).isEqualTo(30);
        assertThat(catchThrowableOfType(XAException.class, () -> xa.setTransactionTimeout(-1)).errorCode)
                .isEqualTo(XAException.XAER_INVAL);
    }

    @Test
    void aLostConnectionIsXaerRmfailAndAConnectionErrorEventFromTheManagedConnection() throws Exception {
        try (TcpProxy proxy = new TcpProxy(bed.server.tcpPort())) {
            SwitchboardManagedConnectionFactory viaProxy = bed.factory(proxy.url());
            TestConnectionManager cm = new TestConnectionManager();
            SwitchboardManagedConnection mc = connections.open(viaProxy);
            mc.addConnectionEventListener(cm);
            SwitchboardConnection c = handle(mc);
            XAResource xa = mc.getXAResource();
            Xid xid = TestXid.of("lost");
            xa.start(xid, XAResource.TMNOFLAGS);
            String z = c.submit(OrdersPublisher.ALIAS, "take", "z").id();
            xa.end(xid, XAResource.TMSUCCESS);
            xa.prepare(xid);

            proxy.cut();

            XAException failed = catchThrowableOfType(XAException.class, () -> xa.commit(xid, false));
            assertThat(failed.errorCode).isEqualTo(XAException.XAER_RMFAIL);
            assertThat(failed.getCause()).isNotNull();
            TestBed.await("CONNECTION_ERROR_OCCURRED", () -> !cm.errors.isEmpty());
            ConnectionEvent event = cm.errors.get(0).event();
            assertThat(event.getId()).isEqualTo(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
            assertThat(event.getSource()).isSameAs(mc);

            // The prepared branch waits in the server's store: another connection commits it.
            XAResource recovering = open().getXAResource();
            recovering.commit(xid, false);
            assertThat(plain.fetch(z, String.class, TestBed.PATIENCE)).isEqualTo("took z");
            orders.marker(plain, "after");
            assertThat(orders.taken).containsExactly("z", "after");
        }
    }
}
