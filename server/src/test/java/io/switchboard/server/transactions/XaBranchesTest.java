package io.switchboard.server.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Fetch;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.TicketIssued;
import io.switchboard.protocol.message.XaCommit;
import io.switchboard.protocol.message.XaPrepare;
import io.switchboard.protocol.message.XaRecover;
import io.switchboard.protocol.message.XaRollback;
import io.switchboard.protocol.message.XaXids;
import io.switchboard.protocol.message.Xid;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server as an XA resource manager, on real sockets and a real store (SQLite and PostgreSQL): calls sent with an
 * XID wait in their branch; prepare, commit (one and two phases), rollback and recover; what is refused, and the
 * prepared branches surviving a restart of the server.
 */
class XaBranchesTest {

    private static final Xid XID = Xid.of(4660, bytes("order-1"), bytes("sb"));

    @TempDir
    Path dir;

    private SwitchboardServer server;
    private final List<TestPeer> peers = new ArrayList<>();

    static Stream<String> stores() {
        return Stream.of("sqlite", "postgresql");
    }

    private StoreSettings storeSettings;

    private void start(String backend, UnaryOperator<ServerConfig.Builder> options) {
        if (storeSettings == null) {
            storeSettings = backend.equals("sqlite") ? StoreSettings.sqliteFile(dir) : TestPostgres.freshDatabase();
        }
        server = SwitchboardServer.start(
                options.apply(ServerConfig.builder().port(0).store(storeSettings))
                        .build());
    }

    private void start(String backend) {
        start(backend, b -> b);
    }

    @AfterEach
    void stop() throws Exception {
        for (TestPeer peer : peers) {
            peer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private TestPeer peer(String name) throws Exception {
        TestPeer peer = TestPeer.binary(server.tcpPort());
        peers.add(peer);
        peer.helloWith(new io.switchboard.protocol.message.Hello(1, name, List.of("json"), null, null));
        return peer;
    }

    private TestPeer publisher() throws Exception {
        TestPeer publisher = peer("billing");
        publisher.send(new Publish(1, "billing", List.of("charge", "ping"), List.of(), null));
        publisher.expect(Ack.class);
        return publisher;
    }

    private static Deliver inBranch(long id, String payload) {
        return Deliver.inBranch(id, "billing", "charge", 30_000, CallMeta.NONE, bytes(payload), XID);
    }

    /** A plain call after the ones under test: the publisher sees it first if those did not arrive. */
    private static void nothingArrivedBefore(TestPeer caller, TestPeer publisher, long id) throws Exception {
        caller.send(new Deliver(id, "billing", "ping", 30_000, bytes("0")));
        Deliver next = publisher.expect(Deliver.class);
        assertThat(next.method())
                .as("the publisher got nothing before the plain call")
                .isEqualTo("ping");
        publisher.send(new Result(next.id(), ResultCode.OK, "", bytes("0")));
        assertThat(caller.await(Result.class).id()).isEqualTo(id);
    }

    private static List<String> submitThree(TestPeer caller) throws Exception {
        List<String> tickets = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            caller.send(inBranch(10 + i, Integer.toString(i)));
            TicketIssued ticket = caller.expect(TicketIssued.class);
            assertThat(ticket.id()).isEqualTo(10 + i);
            tickets.add(ticket.ticket());
        }
        return tickets;
    }

    private static void answerInOrder(TestPeer publisher, String... payloads) throws Exception {
        for (String payload : payloads) {
            Deliver call = publisher.expect(Deliver.class);
            assertThat(call.method()).isEqualTo("charge");
            assertThat(new String(call.payload(), StandardCharsets.UTF_8)).isEqualTo(payload);
            publisher.send(new Result(call.id(), ResultCode.OK, "", bytes("\"charged " + payload + "\"")));
        }
    }

    private static List<Xid> recover(TestPeer peer, long req) throws Exception {
        peer.send(new XaRecover(req));
        XaXids xids = peer.expect(XaXids.class);
        assertThat(xids.req()).isEqualTo(req);
        return xids.xids();
    }

    private static ErrorMessage refused(TestPeer peer, Message request, ErrorCode code) throws Exception {
        peer.send(request);
        ErrorMessage error = peer.expect(ErrorMessage.class);
        assertThat(error.code()).as(error.message()).isEqualTo(code);
        return error;
    }

    @ParameterizedTest
    @MethodSource("stores")
    void preparedCallsWaitUntilCommitThenRunOnceInOrder(String backend) throws Exception {
        start(backend);
        TestPeer publisher = publisher();
        TestPeer caller = peer("shop");
        List<String> tickets = submitThree(caller);
        nothingArrivedBefore(caller, publisher, 90);

        caller.send(new XaPrepare(2, XID));
        assertThat(caller.expect(Ack.class).req()).isEqualTo(2);
        assertThat(recover(caller, 3)).containsExactly(XID);
        caller.send(new Fetch(4, 0, tickets.get(0)));
        assertThat(caller.expect(Result.class).code())
                .as("a prepared call's ticket is pending")
                .isEqualTo(ResultCode.PENDING);
        nothingArrivedBefore(caller, publisher, 91);

        caller.send(new XaCommit(5, XID, false));
        assertThat(caller.expect(Ack.class).req()).isEqualTo(5);
        answerInOrder(publisher, "1", "2", "3");
        for (long id = 11; id <= 13; id++) {
            Result notified = caller.expect(Result.class);
            assertThat(notified.id()).isEqualTo(id);
            assertThat(notified.code()).isEqualTo(ResultCode.OK);
        }
        caller.send(new Fetch(6, 5_000, tickets.get(2)));
        Result fetched = caller.expect(Result.class);
        assertThat(new String(fetched.payload(), StandardCharsets.UTF_8)).isEqualTo("\"charged 3\"");
        assertThat(recover(caller, 7)).isEmpty();
        refused(caller, new XaCommit(8, XID, false), ErrorCode.XA_UNKNOWN_XID);
        nothingArrivedBefore(caller, publisher, 92);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void rollbackDropsPreparedAndUnpreparedCalls(String backend) throws Exception {
        start(backend);
        TestPeer publisher = publisher();
        TestPeer caller = peer("shop");
        submitThree(caller);
        caller.send(new XaPrepare(2, XID));
        caller.expect(Ack.class);
        caller.send(new XaRollback(3, XID));
        for (long id = 11; id <= 13; id++) {
            Result notified = caller.expect(Result.class);
            assertThat(notified.id()).isEqualTo(id);
            assertThat(notified.code()).isEqualTo(ResultCode.ROLLED_BACK);
        }
        assertThat(caller.expect(Ack.class).req()).isEqualTo(3);
        assertThat(recover(caller, 4)).isEmpty();

        caller.send(inBranch(20, "x"));
        caller.expect(TicketIssued.class);
        caller.send(new XaRollback(5, XID));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.ROLLED_BACK);
        caller.expect(Ack.class);
        nothingArrivedBefore(caller, publisher, 90);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void onePhaseCommitRunsAnUnpreparedBranch(String backend) throws Exception {
        start(backend);
        TestPeer publisher = publisher();
        TestPeer caller = peer("shop");
        submitThree(caller);
        refused(caller, new XaCommit(2, XID, false), ErrorCode.XA_NOT_PREPARED);
        caller.send(new XaCommit(3, XID, true));
        caller.expect(Ack.class);
        answerInOrder(publisher, "1", "2", "3");
        for (long id = 11; id <= 13; id++) {
            assertThat(caller.expect(Result.class).id()).isEqualTo(id);
        }
        assertThat(recover(caller, 4)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void unknownXidsAndWrongOrderAreRefusedClearly(String backend) throws Exception {
        start(backend);
        publisher();
        TestPeer caller = peer("shop");
        ErrorMessage unknown = refused(caller, new XaPrepare(2, XID), ErrorCode.XA_UNKNOWN_XID);
        assertThat(unknown.req()).isEqualTo(2);
        assertThat(unknown.message()).contains(XID.toString()).contains("no XA branch");
        refused(caller, new XaCommit(3, XID, true), ErrorCode.XA_UNKNOWN_XID);
        refused(caller, new XaCommit(4, XID, false), ErrorCode.XA_UNKNOWN_XID);
        refused(caller, new XaRollback(5, XID), ErrorCode.XA_UNKNOWN_XID);

        caller.send(inBranch(11, "1"));
        caller.expect(TicketIssued.class);
        caller.send(new XaPrepare(6, XID));
        caller.expect(Ack.class);
        refused(caller, new XaPrepare(7, XID), ErrorCode.XA_ALREADY_PREPARED);
        refused(caller, new XaCommit(8, XID, true), ErrorCode.XA_ALREADY_PREPARED);
        caller.send(inBranch(12, "2"));
        Result late = caller.expect(Result.class);
        assertThat(late.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(late.message()).contains("prepared already");

        caller.send(Deliver.inBranch(13, "nobody", "x", 0, CallMeta.NONE, bytes("1"), XID));
        assertThat(caller.expect(Result.class).code())
                .as("a call in a branch is checked at submit")
                .isEqualTo(ResultCode.NO_SUCH_SESSION);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void eachLimitIsRefusedWithItsName(String backend) throws Exception {
        start(backend, b -> b.maxCallsPerBranch(2).maxBranchesPerConnection(1).maxPreparedBranches(1));
        publisher();
        TestPeer caller = peer("shop");
        caller.send(inBranch(11, "1"));
        caller.expect(TicketIssued.class);
        caller.send(inBranch(12, "2"));
        caller.expect(TicketIssued.class);
        caller.send(inBranch(13, "3"));
        Result third = caller.expect(Result.class);
        assertThat(third.code()).isEqualTo(ResultCode.BUSY);
        assertThat(third.message()).contains("max-calls-per-branch");

        Xid other = Xid.of(4660, bytes("order-2"), bytes("sb"));
        caller.send(Deliver.inBranch(14, "billing", "charge", 0, CallMeta.NONE, bytes("4"), other));
        Result second = caller.expect(Result.class);
        assertThat(second.code()).isEqualTo(ResultCode.BUSY);
        assertThat(second.message()).contains("max-branches-per-connection");

        caller.send(new XaPrepare(2, XID));
        caller.expect(Ack.class);
        caller.send(Deliver.inBranch(15, "billing", "charge", 0, CallMeta.NONE, bytes("5"), other));
        caller.expect(TicketIssued.class);
        caller.send(new XaPrepare(3, other));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.ROLLED_BACK);
        ErrorMessage full = caller.expect(ErrorMessage.class);
        assertThat(full.code()).isEqualTo(ErrorCode.XA_ROLLED_BACK);
        assertThat(full.message()).contains("max-prepared-branches");
        assertThat(recover(caller, 4)).containsExactly(XID);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void unpreparedBranchesDieWithTheirConnectionPreparedOnesSurviveTheServer(String backend) throws Exception {
        start(backend);
        publisher();
        TestPeer caller = peer("shop");
        Xid unprepared = Xid.of(1, bytes("lost"), new byte[0]);
        caller.send(Deliver.inBranch(1, "billing", "charge", 0, CallMeta.NONE, bytes("9"), unprepared));
        caller.expect(TicketIssued.class);
        List<String> tickets = submitThree(caller);
        caller.send(new XaPrepare(2, XID));
        caller.expect(Ack.class);
        caller.close();

        server.close();
        peers.clear();
        start(backend);
        TestPeer publisher = publisher();
        TestPeer tm = peer("transaction-manager");
        assertThat(recover(tm, 1)).containsExactly(XID);
        refused(tm, new XaCommit(2, unprepared, true), ErrorCode.XA_UNKNOWN_XID);
        tm.send(new XaCommit(3, XID, false));
        tm.expect(Ack.class);
        answerInOrder(publisher, "1", "2", "3");
        tm.send(new Fetch(4, 5_000, tickets.get(1)));
        Result fetched = tm.expect(Result.class);
        assertThat(fetched.code()).isEqualTo(ResultCode.OK);
        assertThat(new String(fetched.payload(), StandardCharsets.UTF_8)).isEqualTo("\"charged 2\"");
        assertThat(recover(tm, 5)).isEmpty();
        nothingArrivedBefore(tm, publisher, 90);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
