package io.switchboard.server.cluster;

import static io.switchboard.server.cluster.ClusterNodes.WAIT;
import static io.switchboard.server.cluster.ClusterNodes.cluster;
import static io.switchboard.server.cluster.ClusterNodes.members;
import static io.switchboard.server.cluster.ClusterNodes.seen;
import static io.switchboard.server.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Fetch;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.TicketIssued;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tickets and held calls shared through the store's PostgreSQL (docs/cluster.md, "Shared durable state"):
 * in-process nodes (JDBC_PING2 discovery) on one embedded PostgreSQL, clients and publishers on real sockets.
 */
class SharedStateTest {

    private static final List<String> METHODS = List.of("levels", "reserve");
    private static final List<String> IDEMPOTENT = List.of("levels");

    private final OpenedResources open = new OpenedResources();
    private StoreSettings store;
    private String name;

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    private SwitchboardServer start(String node) {
        return open.add(SwitchboardServer.start(
                ClusterNodes.node(node, store, name).clusterPort(0).build()));
    }

    private List<SwitchboardServer> nodes(String test, String... names) throws Exception {
        store = TestPostgres.freshDatabase();
        name = ClusterNodes.clusterName(test);
        List<SwitchboardServer> nodes = new ArrayList<>();
        for (String n : names) {
            nodes.add(start(n));
        }
        await(WAIT, names.length + " members", () -> nodes.stream().allMatch(s -> members(s, names.length)));
        return nodes;
    }

    private TestPeer peer(SwitchboardServer server) throws Exception {
        TestPeer peer = open.add(TestPeer.binary(server.tcpPort()));
        peer.hello("json");
        return peer;
    }

    private TestPeer publisher(SwitchboardServer server, String alias, List<String> methods, SessionPolicy policy)
            throws Exception {
        TestPeer peer = peer(server);
        peer.send(new Publish(1, alias, methods, methods.containsAll(IDEMPOTENT) ? IDEMPOTENT : null, null, policy));
        peer.expect(Ack.class);
        return peer;
    }

    /** Publishes a hold session on {@code server} and leaves it: its calls are held there from now on. */
    private void keptAway(SwitchboardServer server, SwitchboardServer observer, String alias) throws Exception {
        TestPeer first = publisher(server, alias, METHODS, SessionPolicy.HOLD);
        await(
                WAIT,
                "the other node sees " + alias,
                () -> seen(observer, server, alias).publishers() == 1);
        first.close();
        await(
                WAIT,
                "the other node sees " + alias + " gone",
                () -> seen(observer, server, alias).publishers() == 0);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long count(String sql, Object... args) throws Exception {
        try (Connection db = DriverManager.getConnection(store.url().orElseThrow(), TestPostgres.USER, "");
                PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Result fetch(TestPeer fetcher, long req, String ticket, long waitMs) throws Exception {
        fetcher.send(new Fetch(req, waitMs, ticket));
        Result result = fetcher.expect(Result.class);
        assertThat(result.id()).isEqualTo(req);
        return result;
    }

    private static String submit(TestPeer caller, long id, String alias, String method, String payload) {
        try {
            caller.send(new Deliver(id, alias, method, 120_000, CallMeta.NONE, json(payload), true));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        TicketIssued issued = caller.expect(TicketIssued.class);
        assertThat(issued.id()).isEqualTo(id);
        return issued.ticket();
    }

    @Test
    void twoNodesOnOneStoreStartWithoutRunningEachOthersWorkAndEpochsGrow() throws Exception {
        List<SwitchboardServer> nodes = nodes("start", "node-a", "node-b");
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer b = nodes.get(1);
        long epochA = cluster(a).epoch();
        long epochB = cluster(b).epoch();
        assertThat(epochA).isPositive();
        assertThat(epochB).isNotEqualTo(epochA);

        keptAway(a, b, "inv");
        TestPeer caller = peer(a);
        caller.send(new Deliver(1, "inv", "reserve", 120_000, json("1")));
        caller.send(new Deliver(2, "inv", "reserve", 120_000, json("2")));
        TestPeer slow = publisher(a, "slow", List.of("work"), null);
        String ticket = submit(caller, 3, "slow", "work", "\"w\"");
        slow.expect(Deliver.class); // in flight: its ticket is pending
        await(WAIT, "two held calls stored", () -> count("SELECT COUNT(*) FROM held_call") == 2);

        // b restarts: a new, larger epoch, and a's work stays a's (not loaded, not ended as after a restart).
        b.close();
        await(WAIT, "a alone", () -> members(a, 1));
        SwitchboardServer b2 = start("node-b");
        await(WAIT, "two members again", () -> members(a, 2) && members(b2, 2));
        assertThat(cluster(b2).epoch()).isGreaterThan(Math.max(epochA, epochB));
        assertThat(count("SELECT COUNT(*) FROM held_call WHERE owner_epoch = ?", epochA))
                .isEqualTo(2);
        assertThat(fetch(peer(b2), 10, ticket, 0).code()).isEqualTo(ResultCode.PENDING);
        assertThat(count("SELECT COUNT(*) FROM ticket WHERE owner_epoch = ? AND outcome_code IS NULL", epochA))
                .isEqualTo(1);
    }

    @Test
    void aTicketSubmittedOnAWithItsPublisherOnBIsFetchedFromCPendingThenWithItsOutcome() throws Exception {
        List<SwitchboardServer> nodes = nodes("ticket", "node-a", "node-b", "node-c");
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer b = nodes.get(1);
        SwitchboardServer c = nodes.get(2);
        TestPeer worker = publisher(b, "work", List.of("run"), null);
        await(WAIT, "a sees work on b", () -> seen(a, b, "work").publishers() == 1);

        TestPeer caller = peer(a);
        String ticket = submit(caller, 1, "work", "run", "{\"n\":6}");
        Deliver call = worker.expect(Deliver.class);
        assertThat(text(call.payload())).isEqualTo("{\"n\":6}");
        assertThat(count("SELECT owner_epoch FROM ticket WHERE ticket_id = ?", ticket))
                .isEqualTo(cluster(a).epoch());

        TestPeer fetcher = peer(c);
        assertThat(fetch(fetcher, 1, ticket, 0).code()).isEqualTo(ResultCode.PENDING);
        // A waiting FETCH on c, which neither owns the ticket nor ran the call: woken by a's message.
        fetcher.send(new Fetch(2, 120_000, ticket));
        worker.send(Result.ok(call.id(), json("42")));
        Result fetched = fetcher.expect(Result.class);
        assertThat(fetched.id()).isEqualTo(2);
        assertThat(fetched.code()).isEqualTo(ResultCode.OK);
        assertThat(text(fetched.payload())).isEqualTo("42");

        Result notified = caller.expect(Result.class); // the submitter's own notification, once
        assertThat(notified.id()).isEqualTo(1);
        assertThat(text(notified.payload())).isEqualTo("42");
        assertThat(fetch(peer(b), 3, ticket, 0).code()).isEqualTo(ResultCode.OK);
        assertThat(caller.poll(Duration.ofMillis(500))).isNull();
    }

    @Test
    void callsHeldOnAGoOnceAndInOrderToAPublisherThatReturnsOnB() throws Exception {
        List<SwitchboardServer> nodes = nodes("held", "node-a", "node-b");
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer b = nodes.get(1);
        keptAway(a, b, "inv");
        TestPeer caller = peer(a);
        for (int i = 1; i <= 5; i++) {
            caller.send(new Deliver(i, "inv", "reserve", 120_000, json(String.valueOf(i))));
        }
        await(WAIT, "five held calls stored", () -> count("SELECT COUNT(*) FROM held_call") == 5);

        TestPeer back = publisher(b, "inv", METHODS, SessionPolicy.HOLD);
        for (int i = 1; i <= 5; i++) {
            Deliver held = back.expect(Deliver.class);
            assertThat(text(held.payload())).isEqualTo(String.valueOf(i));
            back.send(Result.ok(held.id(), json("\"done " + i + "\"")));
        }
        for (int i = 1; i <= 5; i++) {
            Result result = caller.expect(Result.class);
            assertThat(result.id()).isEqualTo(i);
            assertThat(text(result.payload())).isEqualTo("\"done " + i + "\"");
        }
        assertThat(back.poll(Duration.ofMillis(500))).isNull(); // each once
        await(WAIT, "the rows are gone", () -> count("SELECT COUNT(*) FROM held_call") == 0);
    }

    @Test
    void aHeldCallWhosePublisherOnAnotherNodeIsLostGoesBackToItsPlaceWhenIdempotent() throws Exception {
        List<SwitchboardServer> nodes = nodes("lost", "node-a", "node-b");
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer b = nodes.get(1);
        keptAway(a, b, "inv");
        TestPeer caller = peer(a);
        caller.send(new Deliver(1, "inv", "levels", 120_000, json("1")));
        caller.send(new Deliver(2, "inv", "reserve", 120_000, json("2")));
        await(WAIT, "two held calls stored", () -> count("SELECT COUNT(*) FROM held_call") == 2);

        // The first publisher on b gets the first call and is lost with it: it is idempotent, so it goes back to
        // its place on a (whatever b answers meanwhile: publisher-lost, or no-such-session while a still sees the
        // lost publisher), and the caller hears nothing yet.
        TestPeer lost = publisher(b, "inv", METHODS, SessionPolicy.HOLD);
        Deliver first = lost.expect(Deliver.class);
        assertThat(text(first.payload())).isEqualTo("1");
        lost.close();
        await(WAIT, "a sees inv gone on b", () -> seen(a, b, "inv").publishers() == 0);
        assertThat(caller.poll(Duration.ofMillis(300))).isNull();

        TestPeer back = publisher(b, "inv", METHODS, SessionPolicy.HOLD);
        for (String expected : List.of("1", "2")) {
            Deliver d = back.expect(Deliver.class);
            assertThat(text(d.payload())).isEqualTo(expected);
            back.send(Result.ok(d.id(), json(expected)));
        }
        for (long id = 1; id <= 2; id++) {
            Result result = caller.expect(Result.class);
            assertThat(result.id()).isEqualTo(id);
            assertThat(result.code()).isEqualTo(ResultCode.OK);
        }
        assertThat(back.poll(Duration.ofMillis(300))).isNull();
        await(WAIT, "the rows are gone", () -> count("SELECT COUNT(*) FROM held_call") == 0);
    }

    @Test
    void aSurvivorTakesOverAGoneNodesTicketsAndHeldCallsAndTheGoneNodesLateWritesFail() throws Exception {
        List<SwitchboardServer> nodes = nodes("takeover", "node-a", "node-b");
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer b = nodes.get(1);
        long epochA = cluster(a).epoch();

        // On a: two calls on their way to a publisher that does not answer (one idempotent), two calls held for a
        // session nobody publishes, and an async call in flight.
        TestPeer caller = peer(a);
        keptAway(a, b, "inv");
        caller.send(new Deliver(1, "inv", "reserve", 120_000, json("\"r\"")));
        caller.send(new Deliver(2, "inv", "levels", 120_000, json("\"l\"")));
        await(WAIT, "two held calls stored", () -> count("SELECT COUNT(*) FROM held_call") == 2);
        TestPeer inv = publisher(a, "inv", METHODS, SessionPolicy.HOLD); // takes both, answers neither
        Deliver reserve = inv.expect(Deliver.class);
        Deliver levels = inv.expect(Deliver.class);
        keptAway(a, b, "stock");
        caller.send(new Deliver(3, "stock", "reserve", 120_000, json("\"s1\"")));
        caller.send(new Deliver(4, "stock", "reserve", 120_000, json("\"s2\"")));
        TestPeer slow = publisher(a, "slow", List.of("work"), null);
        String ticket = submit(caller, 5, "slow", "work", "\"w\"");
        Deliver work = slow.expect(Deliver.class);
        await(
                WAIT,
                "a's rows stored",
                () -> count("SELECT COUNT(*) FROM held_call WHERE owner_epoch = ? AND delivering = 1", epochA) == 2
                        && count("SELECT COUNT(*) FROM held_call WHERE owner_epoch = ? AND delivering = 0", epochA)
                                == 2);

        // a drops out of the cluster without a shutdown; its server goes on, as a node cut off would.
        cluster(a).close();
        await(WAIT, "b alone", () -> members(b, 1));
        long epochB = cluster(b).epoch();
        await(
                WAIT,
                "b took a's work over",
                () -> count("SELECT COUNT(*) FROM held_call WHERE owner_epoch = ?", epochA) == 0
                        && count("SELECT COUNT(*) FROM ticket WHERE owner_epoch = ?", epochB) == 1);
        // The non-idempotent call being delivered is dropped (its caller would get publisher-lost); the
        // idempotent one and the waiting ones are b's now.
        assertThat(count("SELECT COUNT(*) FROM held_call WHERE owner_epoch = ?", epochB))
                .isEqualTo(3);
        TestPeer fetcher = peer(b);
        await(WAIT, "the ticket ended", () -> fetch(fetcher, 1, ticket, 0).code() != ResultCode.PENDING);
        assertThat(fetch(fetcher, 2, ticket, 0).code()).isEqualTo(ResultCode.PUBLISHER_LOST);

        // a's late writes fail the fence: its publishers answer now, and the ticket keeps b's outcome.
        slow.send(Result.ok(work.id(), json("\"late\"")));
        inv.send(Result.ok(reserve.id(), json("\"r done\"")));
        inv.send(Result.ok(levels.id(), json("\"l done\"")));
        List<Long> answered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answered.add(caller.expect(Result.class).id());
        }
        assertThat(answered).containsExactlyInAnyOrder(1L, 2L, 5L); // a's callers still get their answers
        assertThat(fetch(fetcher, 3, ticket, 0).code()).isEqualTo(ResultCode.PUBLISHER_LOST);
        assertThat(count("SELECT COUNT(*) FROM held_call WHERE owner_epoch = ?", epochB))
                .isEqualTo(3);

        // On b: the waiting calls go in order, once; the idempotent call goes again; the other never.
        TestPeer stock = publisher(b, "stock", METHODS, SessionPolicy.HOLD);
        for (String expected : List.of("\"s1\"", "\"s2\"")) {
            Deliver d = stock.expect(Deliver.class);
            assertThat(text(d.payload())).isEqualTo(expected);
            stock.send(Result.ok(d.id(), json("1")));
        }
        TestPeer invB = publisher(b, "inv", METHODS, SessionPolicy.HOLD);
        Deliver again = invB.expect(Deliver.class);
        assertThat(again.method()).isEqualTo("levels");
        invB.send(Result.ok(again.id(), json("1")));
        Message more = invB.poll(Duration.ofMillis(1000));
        assertThat(more).as("the non-idempotent call is not delivered again").isNull();
        assertThat(stock.poll(Duration.ofMillis(200))).isNull();
        await(WAIT, "no rows left", () -> count("SELECT COUNT(*) FROM held_call") == 0);
    }
}
