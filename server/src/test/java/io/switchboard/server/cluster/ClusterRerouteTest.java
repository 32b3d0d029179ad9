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
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgroups.util.Util;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node lost with forwarded calls in flight (docs/cluster.md, "Exactly one RESULT"): the idempotent calls of a
 * reroute session are sent again, once, to a publisher on another node and get its results; a call of a method that
 * is not idempotent gets {@code publisher-lost}. Three in-process nodes, clients on real sockets, a crash of the
 * publisher's node (its channel shut down without leaving).
 */
class ClusterRerouteTest {

    private static final int CALLS = 16;

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

    private static final Publish IDEM =
            new Publish(1, "idem", List.of("get", "put"), List.of("get"), 1024, SessionPolicy.REROUTE);

    /** A publisher answering every call with its payload. */
    private void echo(SwitchboardServer server) throws Exception {
        TestPeer peer = client(server);
        peer.send(IDEM);
        peer.expect(Ack.class);
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Message m = peer.poll(Duration.ofMillis(200));
                    if (m instanceof Deliver d) {
                        peer.send(Result.ok(d.id(), d.payload()));
                    }
                }
            } catch (Exception e) {
                // the peer closed at the end of the test
            }
        });
        thread.setDaemon(true);
        thread.start();
        open.add(thread::interrupt);
    }

    @Test
    void idempotentCallsOfALostNodeGetTheirResultsFromAnotherNode() throws Exception {
        List<SwitchboardServer> nodes = nodes("reroute", 3);
        SwitchboardServer a = nodes.get(0), b = nodes.get(1), c = nodes.get(2);
        // b's publisher takes the calls and never answers: they are in flight when b crashes.
        TestPeer silent = client(b);
        silent.send(IDEM);
        silent.expect(Ack.class);
        await(WAIT, "a sees b's publisher", () -> seen(a, b, "idem").publishers() == 1);

        TestPeer caller = client(a);
        for (int i = 1; i <= CALLS; i++) {
            caller.send(new Deliver(i, "idem", "get", 60_000, payload(i)));
        }
        caller.send(new Deliver(CALLS + 1, "idem", "put", 60_000, payload(CALLS + 1)));
        for (int i = 0; i <= CALLS; i++) {
            assertThat(silent.await(Deliver.class).alias()).isEqualTo("idem");
        }
        echo(c);
        await(WAIT, "a sees c's publisher", () -> seen(a, c, "idem").publishers() == 1);

        long crashed = System.nanoTime();
        Util.shutdown(cluster(b).channel()); // b crashes: no leave, no results

        Map<Long, Result> results = new HashMap<>();
        for (int i = 0; i <= CALLS; i++) {
            Result r = caller.await(Result.class);
            assertThat(results.put(r.id(), r)).as("one RESULT per call").isNull();
        }
        // A figure, not a goal: from the crash to the last rerouted result (failure detection plus one hop).
        System.out.printf(
                "reroute: %d calls answered %d ms after their node crashed%n",
                CALLS + 1, (System.nanoTime() - crashed) / 1_000_000);
        for (long i = 1; i <= CALLS; i++) {
            assertThat(results.get(i).code()).as("call %d", i).isEqualTo(ResultCode.OK);
            assertThat(new String(results.get(i).payload(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(payload(i), StandardCharsets.UTF_8));
        }
        assertThat(results.get((long) CALLS + 1).code()).isEqualTo(ResultCode.PUBLISHER_LOST);
        assertThat(cluster(a).forwarding().lostNodeFailures()).isEqualTo(1);
        assertThat(caller.poll(Duration.ofMillis(300))).as("nothing more").isNull();
    }

    private static byte[] payload(long i) {
        return ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }
}
