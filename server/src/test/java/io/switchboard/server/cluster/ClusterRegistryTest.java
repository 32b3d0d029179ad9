package io.switchboard.server.cluster;

import static io.switchboard.server.cluster.ClusterNodes.WAIT;
import static io.switchboard.server.cluster.ClusterNodes.cluster;
import static io.switchboard.server.cluster.ClusterNodes.members;
import static io.switchboard.server.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Refresh;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.protocol.message.Unregister;
import io.switchboard.protocol.message.Watch;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.TestPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jgroups.util.Util;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The registry across nodes (docs/cluster.md, "The registry across nodes"): in-process nodes on loopback sharing an
 * embedded PostgreSQL, clients on real sockets. Entries of both lifetimes resolve and are watched on every node;
 * connection-bound ones go with their connection or their node; TTL changes and expiries are seen everywhere; a node
 * that joins later gets both kinds.
 */
class ClusterRegistryTest {

    private final OpenedResources open = new OpenedResources();
    private final AtomicLong req = new AtomicLong(100);

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    private final List<SwitchboardServer> nodes = new ArrayList<>();
    private StoreSettings store;
    private String clusterName;
    private List<Integer> ports;

    private void start(int count, int of) throws Exception {
        if (store == null) {
            store = TestPostgres.freshDatabase();
            clusterName = ClusterNodes.clusterName("registry");
            ports = ClusterNodes.freePorts(of);
        }
        for (int i = nodes.size(); i < count; i++) {
            nodes.add(open.add(SwitchboardServer.start(
                    ClusterNodes.staticNode("node-" + (char) ('a' + i), store, clusterName, ports, i)
                            .aliases(List.of("shared"))
                            .build())));
        }
        await(WAIT, count + " members everywhere", () -> nodes.stream().allMatch(n -> members(n, count)));
    }

    private TestPeer client(SwitchboardServer server) throws Exception {
        TestPeer peer = open.add(TestPeer.binary(server.tcpPort()));
        peer.hello("json");
        return peer;
    }

    private List<Entries.Entry> resolve(TestPeer peer, String name) throws Exception {
        long id = req.incrementAndGet();
        peer.send(new Resolve(id, name));
        Entries entries = peer.expect(Entries.class);
        assertThat(entries.req()).isEqualTo(id);
        return entries.entries();
    }

    private void awaitEverywhere(List<TestPeer> resolvers, String name, String what, int count) throws Exception {
        for (TestPeer resolver : resolvers) {
            await(WAIT, what, () -> resolve(resolver, name).size() == count);
        }
    }

    @Test
    void connectionBoundEntriesResolveEverywhereAndGoWithTheirConnectionOrNode() throws Exception {
        start(2, 3);
        TestPeer registrant = client(nodes.get(1));
        registrant.send(new Register(1, "svc", List.of("tcp://10.0.0.2:9000"), Map.of("zone", "b"), null, null));
        Registered registered = registrant.expect(Registered.class);
        TestPeer onA = client(nodes.get(0));
        awaitEverywhere(List.of(onA), "svc", "a resolves b's entry", 1);
        Entries.Entry seen = resolve(onA, "svc").get(0);
        assertThat(seen)
                .isEqualTo(
                        new Entries.Entry(registered.id(), List.of("tcp://10.0.0.2:9000"), Map.of("zone", "b"), null));

        // A node that joins later gets the entry in the state exchange.
        start(3, 3);
        TestPeer onC = client(nodes.get(2));
        awaitEverywhere(List.of(onC), "svc", "c resolves b's entry", 1);
        onC.send(new Watch(2, "svc"));
        assertThat(onC.expect(Entries.class).entries()).hasSize(1);

        // Its connection closes: gone everywhere, watchers told.
        registrant.close();
        assertThat(onC.expect(Entries.class).entries()).isEmpty();
        awaitEverywhere(List.of(onA), "svc", "gone on a", 0);

        // Registered again, and its node crashes: gone when the view drops the node.
        TestPeer again = client(nodes.get(1));
        again.send(new Register(3, "svc", List.of("tcp://10.0.0.2:9001"), null, null, null));
        again.expect(Registered.class);
        assertThat(onC.expect(Entries.class).entries()).hasSize(1);
        awaitEverywhere(List.of(onA), "svc", "back on a", 1);
        Util.shutdown(cluster(nodes.get(1)).channel());
        assertThat(onC.expect(Entries.class).entries()).isEmpty();
        awaitEverywhere(List.of(onA), "svc", "gone on a with its node", 0);
    }

    @Test
    void ttlEntriesAreSharedChangedAndExpiredOnEveryNode() throws Exception {
        start(3, 3);
        List<TestPeer> peers = new ArrayList<>();
        for (SwitchboardServer node : nodes) {
            peers.add(client(node));
        }
        TestPeer watcher = client(nodes.get(2));
        watcher.send(new Watch(1, "ttl"));
        assertThat(watcher.expect(Entries.class).entries()).isEmpty();

        TestPeer onA = peers.get(0);
        onA.send(new Register(2, "ttl", List.of("tcp://10.0.0.1:1"), null, 60_000L, null));
        Registered kept = onA.expect(Registered.class);
        assertThat(watcher.expect(Entries.class).entries())
                .extracting(Entries.Entry::ttlMs)
                .containsExactly(60_000L);
        awaitEverywhere(peers, "ttl", "everybody resolves the TTL entry", 1);

        // Renewed on b (anyone holding the instance may), removed on c: seen everywhere.
        TestPeer onB = peers.get(1);
        onB.send(new Register(3, "ttl", List.of("tcp://10.0.0.1:2"), null, 60_000L, kept.instance()));
        onB.expect(Registered.class);
        assertThat(watcher.expect(Entries.class).entries().get(0).endpoints()).containsExactly("tcp://10.0.0.1:2");
        for (TestPeer peer : peers) {
            await(
                    WAIT,
                    "the renewal everywhere",
                    () -> resolve(peer, "ttl").get(0).endpoints().equals(List.of("tcp://10.0.0.1:2")));
        }
        onB.send(new Refresh(4, kept.instance()));
        onB.expect(Ack.class);
        peers.get(2).send(new Unregister(5, "ttl", kept.instance()));
        peers.get(2).expect(Ack.class);
        assertThat(watcher.expect(Entries.class).entries()).isEmpty();
        awaitEverywhere(peers, "ttl", "the removal everywhere", 0);

        // A short TTL expires on every node, by each node's timer; the store row goes too.
        onA.send(new Register(6, "short", List.of("tcp://10.0.0.1:3"), null, 1_500L, null));
        onA.expect(Registered.class);
        TestPeer shortWatcher = client(nodes.get(1));
        shortWatcher.send(new Watch(7, "short"));
        Entries first = shortWatcher.expect(Entries.class);
        if (first.entries().isEmpty()) {
            assertThat(shortWatcher.expect(Entries.class).entries()).hasSize(1);
        }
        assertThat(shortWatcher.expect(Entries.class).entries())
                .as("expired on b")
                .isEmpty();
        awaitEverywhere(peers, "short", "expired everywhere", 0);
        await(WAIT, "the store row gone", () -> storedRows("short") == 0);
    }

    private int storedRows(String name) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                        store.url().orElseThrow(), store.user().orElse("postgres"), null);
                java.sql.PreparedStatement s =
                        c.prepareStatement("SELECT count(*) FROM ttl_registration WHERE name = ?")) {
            s.setString(1, name);
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void theNodesOwnEntriesUnderASharedAliasResolveToEveryNode() throws Exception {
        start(3, 3);
        List<String> endpoints =
                nodes.stream().map(n -> "tcp://127.0.0.1:" + n.tcpPort()).toList();
        for (SwitchboardServer node : nodes) {
            TestPeer peer = client(node);
            await(
                    WAIT,
                    "every node's endpoint",
                    () -> resolve(peer, "shared").stream()
                            .flatMap(e -> e.endpoints().stream())
                            .toList()
                            .containsAll(endpoints));
            assertThat(resolve(peer, "shared"))
                    .hasSize(3)
                    .allSatisfy(e -> assertThat(e.metadata()).containsEntry("role", "switchboard"));
        }
    }
}
