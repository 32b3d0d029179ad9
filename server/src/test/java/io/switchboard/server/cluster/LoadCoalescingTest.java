package io.switchboard.server.cluster;

import static io.switchboard.server.cluster.ClusterNodes.WAIT;
import static io.switchboard.server.cluster.ClusterNodes.members;
import static io.switchboard.server.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jgroups.JChannel;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Loads are announced coalesced, not per call: a raw member counts the updates a node multicasts while calls run
 * through one of its publishers.
 */
class LoadCoalescingTest {

    private final OpenedResources open = new OpenedResources();

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    @Test
    void callsDoNotCostAnUpdateEach() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        String name = ClusterNodes.clusterName("coalesce");
        List<Integer> ports = ClusterNodes.freePorts(2);
        SwitchboardServer a = open.add(SwitchboardServer.start(
                ClusterNodes.staticNode("node-a", store, name, ports, 0).build()));
        ClusterSettings raw = new ClusterSettings(
                name,
                Discovery.STATIC,
                ports.stream().map(p -> new Peer("127.0.0.1", p)).toList(),
                "127.0.0.1",
                ports.get(1),
                Optional.empty(),
                ClusterSettings.DEFAULT_FAILURE_DETECTION_MS);
        List<DirectoryMessage> heard = new CopyOnWriteArrayList<>();
        JChannel member = open.add(ClusterStack.channel(raw, Optional.empty()));
        member.receiver(new Receiver() {
            @Override
            public void receive(Message message) {
                heard.add(DirectoryMessage.decode(
                        message.getArray(),
                        message.getOffset(),
                        message.getLength(),
                        ClusterNode.MAX_ALIASES_PER_NODE));
            }
        });
        member.name("counter").connect(name);
        await(WAIT, "the counting member joined", () -> members(a, 2));

        TestPeer publisher = open.add(TestPeer.binary(a.tcpPort()));
        publisher.hello("json");
        publisher.send(new Publish(1, "busy", List.of("say"), null, 64));
        publisher.expect(Ack.class);
        await(
                WAIT,
                "the publish was announced",
                () -> heard.stream().anyMatch(m -> m.entries().containsKey("busy")));

        TestPeer caller = open.add(TestPeer.binary(a.tcpPort()));
        caller.hello("json");
        byte[] payload = "\"hi\"".getBytes(StandardCharsets.UTF_8);
        int calls = 400;
        long started = System.nanoTime();
        for (int round = 0; round < calls / 8; round++) {
            for (int i = 0; i < 8; i++) {
                caller.send(new Deliver(round * 8L + i + 1, "busy", "say", 60_000, payload));
            }
            for (int i = 0; i < 8; i++) {
                Deliver d = publisher.expect(Deliver.class);
                publisher.send(new Result(d.id(), ResultCode.OK, "", payload));
            }
            for (int i = 0; i < 8; i++) {
                caller.expect(Result.class);
            }
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        // The last announced load is the idle one again.
        await(WAIT, "the idle load was announced", () -> {
            DirectoryMessage last = null;
            for (DirectoryMessage m : heard) {
                if (m.entries().containsKey("busy")) {
                    last = m;
                }
            }
            return last != null && last.entries().get("busy").equals(new AliasLoad(1, 0));
        });
        long updates =
                heard.stream().filter(m -> m.entries().containsKey("busy")).count();
        // At most one per 100 ms tick (plus the publish and the final idle one), never one per call.
        assertThat(updates)
                .isLessThanOrEqualTo(elapsedMs / ClusterNode.TICK_MS + 3)
                .isLessThan(calls);
    }
}
