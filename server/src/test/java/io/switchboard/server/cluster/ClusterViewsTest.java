package io.switchboard.server.cluster;

import static io.switchboard.server.cluster.ClusterNodes.WAIT;
import static io.switchboard.server.cluster.ClusterNodes.cluster;
import static io.switchboard.server.cluster.ClusterNodes.members;
import static io.switchboard.server.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Listing.SessionInfo;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.SessionState;
import io.switchboard.protocol.message.Subscribe;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.TestPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jgroups.util.Util;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LIST and SUBSCRIBE across nodes (docs/cluster.md, "LIST and SUBSCRIBE across nodes"): three in-process nodes on
 * loopback, clients on real sockets. LIST on any node shows every node's aliases with their publishers summed;
 * SUBSCRIBE hears of the first publisher anywhere and the last one anywhere, once, also when a node crashes.
 */
class ClusterViewsTest {

    private final OpenedResources open = new OpenedResources();

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    private List<SwitchboardServer> nodes(String test, int count) throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        String name = ClusterNodes.clusterName(test);
        List<Integer> ports = ClusterNodes.freePorts(count);
        List<SwitchboardServer> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(open.add(
                    SwitchboardServer.start(ClusterNodes.staticNode("node-" + (char) ('a' + i), store, name, ports, i)
                            .build())));
        }
        await(WAIT, count + " members everywhere", () -> nodes.stream().allMatch(n -> members(n, count)));
        return nodes;
    }

    private TestPeer client(SwitchboardServer server) throws Exception {
        TestPeer peer = open.add(TestPeer.binary(server.tcpPort()));
        peer.hello("json");
        return peer;
    }

    private TestPeer publisher(SwitchboardServer server, Publish publish) throws Exception {
        TestPeer peer = client(server);
        peer.send(publish);
        peer.expect(Ack.class);
        return peer;
    }

    private static Map<String, SessionInfo> list(TestPeer peer, long req) throws Exception {
        peer.send(new ListSessions(req));
        Listing listing = peer.expect(Listing.class);
        assertThat(listing.req()).isEqualTo(req);
        return listing.sessions().stream().collect(Collectors.toMap(SessionInfo::alias, Function.identity()));
    }

    @Test
    void listShowsTheAliasesOfEveryNodeWithPublishersSummed() throws Exception {
        List<SwitchboardServer> nodes = nodes("list", 3);
        Publish shared = new Publish(1, "shared", List.of("say", "shout"), List.of("say"), null, SessionPolicy.REROUTE);
        publisher(nodes.get(0), shared);
        publisher(nodes.get(1), shared);
        publisher(nodes.get(1), shared);
        TestPeer onlyC = publisher(nodes.get(2), new Publish(1, "only-c", List.of("x"), null, null));
        List<TestPeer> listers = new ArrayList<>();
        for (SwitchboardServer node : nodes) {
            listers.add(client(node));
        }
        long[] req = {10};
        for (TestPeer lister : listers) {
            await(WAIT, "the whole cluster listed", () -> {
                Map<String, SessionInfo> all = list(lister, ++req[0]);
                return all.containsKey("shared") && all.get("shared").publishers() == 3 && all.containsKey("only-c");
            });
            Map<String, SessionInfo> all = list(lister, ++req[0]);
            assertThat(all.get("shared"))
                    .isEqualTo(new SessionInfo(
                            "shared", List.of("say", "shout"), List.of("say"), 3, SessionPolicy.REROUTE, null));
            assertThat(all.get("only-c"))
                    .isEqualTo(new SessionInfo("only-c", List.of("x"), List.of(), 1, SessionPolicy.FAIL, null));
        }
        // A rescind elsewhere is seen.
        onlyC.send(new Rescind(2, "only-c"));
        onlyC.expect(Ack.class);
        await(
                WAIT,
                "only-c gone from a's listing",
                () -> !list(listers.get(0), ++req[0]).containsKey("only-c"));

        // A node that leaves takes its publishers with it.
        publisher(nodes.get(2), new Publish(3, "only-c", List.of("x"), null, null));
        await(
                WAIT,
                "only-c back in a's listing",
                () -> list(listers.get(0), ++req[0]).containsKey("only-c"));
        nodes.get(1).close();
        for (TestPeer lister : List.of(listers.get(0), listers.get(2))) {
            await(WAIT, "b's publishers gone", () -> {
                SessionInfo info = list(lister, ++req[0]).get("shared");
                return info != null && info.publishers() == 1;
            });
        }
        nodes.get(2).close();
        await(WAIT, "c's alias gone", () -> !list(listers.get(0), ++req[0]).containsKey("only-c"));
        assertThat(list(listers.get(0), ++req[0]).keySet()).containsExactly("shared");
    }

    @Test
    void subscribersHearOfTheFirstAndTheLastPublisherAnywhereOnce() throws Exception {
        List<SwitchboardServer> nodes = nodes("subscribe", 3);
        TestPeer onA = client(nodes.get(0));
        TestPeer onB = client(nodes.get(1));
        onA.send(new Subscribe(1, "svc"));
        assertThat(onA.expect(SessionEvent.class).state()).isEqualTo(SessionState.ABSENT);
        onB.send(new Subscribe(1, "svc"));
        assertThat(onB.expect(SessionEvent.class).state()).isEqualTo(SessionState.ABSENT);

        Publish svc = new Publish(1, "svc", List.of("get"), List.of("get"), null);
        TestPeer publisherB = publisher(nodes.get(1), svc);
        for (TestPeer subscriber : List.of(onA, onB)) {
            SessionEvent published = subscriber.expect(SessionEvent.class);
            assertThat(published.state()).isEqualTo(SessionState.PUBLISHED);
            assertThat(published.methods()).containsExactly("get");
            assertThat(published.idempotent()).containsExactly("get");
        }
        // A second node publishing it, and the first rescinding while the second still does: nothing to tell.
        TestPeer publisherC = publisher(nodes.get(2), svc);
        await(
                WAIT,
                "a sees both nodes, b sees c",
                () -> cluster(nodes.get(0)).directory().publishers("svc").size() == 2
                        && ClusterNodes.seen(nodes.get(1), nodes.get(2), "svc").publishers() == 1);
        publisherB.send(new Rescind(2, "svc"));
        publisherB.expect(Ack.class);
        await(
                WAIT,
                "a sees c alone",
                () -> cluster(nodes.get(0)).directory().publishers("svc").size() == 1);
        // The last publisher anywhere goes (its connection closes): rescinded, once, everywhere.
        publisherC.close();
        for (TestPeer subscriber : List.of(onA, onB)) {
            assertThat(subscriber.expect(SessionEvent.class).state()).isEqualTo(SessionState.RESCINDED);
        }
        assertNothingMore(onA, onB);

        // Published again on a node that then crashes: republished, then rescinded when the view drops it.
        publisher(nodes.get(2), svc);
        for (TestPeer subscriber : List.of(onA, onB)) {
            assertThat(subscriber.expect(SessionEvent.class).state()).isEqualTo(SessionState.REPUBLISHED);
        }
        TestPeer late = client(nodes.get(0));
        late.send(new Subscribe(5, "svc"));
        SessionEvent now = late.expect(SessionEvent.class);
        assertThat(now.state()).isEqualTo(SessionState.PUBLISHED);
        assertThat(now.methods()).containsExactly("get");
        Util.shutdown(cluster(nodes.get(2)).channel()); // a crash: no leave message
        for (TestPeer subscriber : List.of(onA, onB, late)) {
            SessionEvent lost = subscriber.await(SessionEvent.class);
            assertThat(lost.state()).isEqualTo(SessionState.RESCINDED);
            assertThat(lost.req()).isZero();
        }
        assertNothingMore(onA, onB, late);
    }

    private static void assertNothingMore(TestPeer... subscribers) throws InterruptedException {
        for (TestPeer subscriber : subscribers) {
            Message next = subscriber.poll(Duration.ofMillis(300));
            assertThat(next).as("no duplicate event").isNull();
        }
    }
}
