package io.switchboard.server.cluster;

import static io.switchboard.server.cluster.ClusterNodes.WAIT;
import static io.switchboard.server.cluster.ClusterNodes.cluster;
import static io.switchboard.server.cluster.ClusterNodes.members;
import static io.switchboard.server.cluster.ClusterNodes.seen;
import static io.switchboard.server.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three in-process nodes over loopback with TCPPING (cluster-discovery static): the directory converges, follows
 * publishes, rescinds, lost publishers and members, a joining node gets everybody's state, and a late versioned
 * update is ignored. Real sockets throughout; the store is an embedded PostgreSQL.
 */
class StaticClusterTest {

    private final OpenedResources open = new OpenedResources();

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    private TestPeer publisher(SwitchboardServer server, String alias) throws Exception {
        TestPeer peer = open.add(TestPeer.binary(server.tcpPort()));
        peer.hello("json");
        peer.send(new Publish(1, alias, List.of("say"), null, null));
        peer.expect(Ack.class);
        return peer;
    }

    @Test
    void theDirectoryFollowsPublishesRescindsAndMembers() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        String name = ClusterNodes.clusterName("static");
        List<Integer> ports = ClusterNodes.freePorts(3);
        SwitchboardServer a = open.add(SwitchboardServer.start(
                ClusterNodes.staticNode("node-a", store, name, ports, 0).build()));
        SwitchboardServer b = open.add(SwitchboardServer.start(
                ClusterNodes.staticNode("node-b", store, name, ports, 1).build()));
        await(WAIT, "a and b form one view", () -> members(a, 2) && members(b, 2));

        // Published before c joins: c must get them from a's and b's state.
        TestPeer alpha = publisher(a, "alpha");
        publisher(b, "beta");
        await(WAIT, "b sees alpha on a", () -> seen(b, a, "alpha").publishers() == 1);

        SwitchboardServer c = open.add(SwitchboardServer.start(
                ClusterNodes.staticNode("node-c", store, name, ports, 2).build()));
        await(WAIT, "three members everywhere", () -> members(a, 3) && members(b, 3) && members(c, 3));
        await(
                WAIT,
                "c got a's and b's state",
                () -> seen(c, a, "alpha").publishers() == 1
                        && seen(c, b, "beta").publishers() == 1);
        assertThat(cluster(c).epoch()).isGreaterThan(cluster(a).epoch());

        // A publish on a appears on b and c; a second publisher of the same alias counts.
        publisher(a, "gamma");
        TestPeer gamma2 = publisher(a, "gamma");
        await(
                WAIT,
                "b and c see two gamma publishers on a",
                () -> seen(b, a, "gamma").publishers() == 2
                        && seen(c, a, "gamma").publishers() == 2);

        // Calls in flight are announced (sampled, not per call).
        TestPeer caller = open.add(TestPeer.binary(a.tcpPort()));
        caller.hello("json");
        caller.send(new Deliver(1, "alpha", "say", 60_000, "\"hi\"".getBytes(StandardCharsets.UTF_8)));
        alpha.expect(Deliver.class); // the publisher holds it unanswered
        await(WAIT, "c sees alpha's call in flight", () -> seen(c, a, "alpha").equals(new AliasLoad(1, 1)));

        // Rescind, and a publisher's connection lost.
        gamma2.send(new Rescind(2, "gamma"));
        gamma2.expect(Ack.class);
        await(
                WAIT,
                "one gamma publisher left",
                () -> seen(b, a, "gamma").publishers() == 1
                        && seen(c, a, "gamma").publishers() == 1);
        alpha.close();
        await(
                WAIT,
                "alpha gone from b and c",
                () -> seen(b, a, "alpha").publishers() == 0
                        && seen(c, a, "alpha").publishers() == 0);

        // c publishes, then leaves: its entries go with it.
        publisher(c, "delta");
        await(WAIT, "a sees delta on c", () -> seen(a, c, "delta").publishers() == 1);
        var cAddress = cluster(c).address();
        c.close();
        await(WAIT, "a and b are two again", () -> members(a, 2) && members(b, 2));
        assertThat(cluster(a).directory().publishers("delta")).isEmpty();
        assertThat(cluster(b).directory().snapshot()).doesNotContainKey(cAddress);
        assertThat(seen(a, b, "beta").publishers()).isEqualTo(1);
    }

    @Test
    void aLateVersionedUpdateIsIgnored() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        String name = ClusterNodes.clusterName("late");
        List<Integer> ports = ClusterNodes.freePorts(2);
        SwitchboardServer a = open.add(SwitchboardServer.start(
                ClusterNodes.staticNode("node-a", store, name, ports, 0).build()));
        // A raw member with the same stack, sending directory messages of its own choosing.
        ClusterSettings raw = new ClusterSettings(
                name,
                Discovery.STATIC,
                ports.stream().map(p -> new Peer("127.0.0.1", p)).toList(),
                "127.0.0.1",
                ports.get(1),
                Optional.empty(),
                ClusterSettings.DEFAULT_FAILURE_DETECTION_MS);
        JChannel member = open.add(ClusterStack.channel(raw, Optional.empty()));
        member.name("raw").connect(name);
        await(WAIT, "the raw member joined", () -> members(a, 2));
        var from = member.getAddress();

        member.send(new BytesMessage(
                null, DirectoryMessage.update(5, "ghost", new AliasLoad(3, 0)).encode()));
        member.send(new BytesMessage(
                null, DirectoryMessage.update(4, "ghost", new AliasLoad(1, 0)).encode()));
        member.send(new BytesMessage(
                null, DirectoryMessage.update(6, "marker", new AliasLoad(1, 0)).encode()));
        await(
                WAIT,
                "a applied up to the marker",
                () -> cluster(a).directory().publishers("marker").size() == 1);
        assertThat(cluster(a).directory().publishers("ghost")).isEqualTo(Map.of(from, new AliasLoad(3, 0)));

        // A removal, then a publish sent before it that arrives late (by unicast, beside the multicasts).
        member.send(new BytesMessage(
                null, DirectoryMessage.update(8, "ghost", AliasLoad.NONE).encode()));
        member.send(new BytesMessage(
                cluster(a).address(),
                DirectoryMessage.update(7, "ghost", new AliasLoad(2, 0)).encode()));
        member.send(new BytesMessage(
                cluster(a).address(),
                DirectoryMessage.state(3, Map.of("ghost", new AliasLoad(9, 0), "old", new AliasLoad(1, 0)))
                        .encode()));
        member.send(new BytesMessage(
                null, DirectoryMessage.update(9, "marker", new AliasLoad(2, 0)).encode()));
        await(
                WAIT,
                "a applied the second marker",
                () -> cluster(a).directory().publishers("marker").equals(Map.of(from, new AliasLoad(2, 0))));
        // Unicasts and multicasts travel apart: give the late ones the same chance to arrive.
        member.send(new BytesMessage(
                cluster(a).address(),
                DirectoryMessage.update(10, "unicast-marker", new AliasLoad(1, 0))
                        .encode()));
        await(
                WAIT,
                "a applied the unicast marker",
                () -> cluster(a).directory().publishers("unicast-marker").size() == 1);
        // The late publish and the late state's ghost lost to the removal; the state's other alias, which no later
        // update contradicts, stands.
        assertThat(cluster(a).directory().publishers("ghost")).isEmpty();
        assertThat(cluster(a).directory().publishers("old")).isEqualTo(Map.of(from, new AliasLoad(1, 0)));

        // Garbage from a member is ignored, not fatal.
        member.send(new BytesMessage(null, new byte[] {7, 7, 7}));
        member.send(new BytesMessage(
                null, DirectoryMessage.update(11, "after", new AliasLoad(1, 0)).encode()));
        await(
                WAIT,
                "a still applies updates",
                () -> cluster(a).directory().publishers("after").size() == 1);

        member.disconnect();
        await(
                WAIT,
                "the raw member's entries went with it",
                () -> members(a, 1) && cluster(a).directory().snapshot().isEmpty());
    }
}
