package io.switchboard.server.cluster;

import static io.switchboard.server.cluster.ClusterNodes.WAIT;
import static io.switchboard.server.cluster.ClusterNodes.cluster;
import static io.switchboard.server.cluster.ClusterNodes.members;
import static io.switchboard.server.cluster.ClusterNodes.seen;
import static io.switchboard.server.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Reply;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.TestPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scatter-gather calls across nodes: in-process nodes over loopback, publishers and callers on real sockets. A call
 * reaches every publisher of its alias in the cluster, each answer comes back as a REPLY in the caller's codec, and
 * exactly one RESULT counts them all, also when a remote publisher stays silent or its node leaves mid-call.
 */
class CrossNodeGatherTest {

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

    private TestPeer publisher(SwitchboardServer server, String alias, String codec) throws Exception {
        TestPeer peer = open.add(TestPeer.binary(server.tcpPort()));
        peer.hello(codec);
        peer.send(new Publish(1, alias, List.of("name"), null, null));
        peer.expect(Ack.class);
        return peer;
    }

    /** A publisher that answers every call with {@code {"name":name}} in its own codec. */
    private void named(SwitchboardServer server, String alias, String codec, String name) throws Exception {
        TestPeer peer = publisher(server, alias, codec);
        byte[] answer = Codec.forName(codec).orElseThrow().mapper().writeValueAsBytes(Map.of("name", name));
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Message m = peer.poll(Duration.ofMillis(200));
                    if (m instanceof Deliver d) {
                        peer.send(Result.ok(d.id(), answer));
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

    private TestPeer caller(SwitchboardServer server, String codec) throws Exception {
        TestPeer peer = open.add(TestPeer.binary(server.tcpPort()));
        peer.hello(codec);
        return peer;
    }

    private static void gather(TestPeer caller, long id, String alias, long timeoutMs) throws Exception {
        caller.send(new Deliver(id, alias, "name", timeoutMs, CallMeta.NONE, new byte[0], false, true));
    }

    /** The replies to call {@code id}, up to and with its one RESULT. */
    private static Gathered gathered(TestPeer caller, long id) {
        List<Reply> replies = new ArrayList<>();
        while (true) {
            Message m = caller.next();
            if (m instanceof Reply reply) {
                assertThat(reply.id()).isEqualTo(id);
                replies.add(reply);
            } else {
                assertThat(m).isInstanceOf(Result.class);
                assertThat(((Result) m).id()).isEqualTo(id);
                return new Gathered(replies, (Result) m);
            }
        }
    }

    private record Gathered(List<Reply> replies, Result result) {

        String counts(Codec codec) throws Exception {
            assertThat(result.code()).isEqualTo(ResultCode.OK);
            return codec.mapper().readTree(result.payload()).toString();
        }
    }

    private static void awaitSeen(List<SwitchboardServer> nodes, SwitchboardServer publisher, String alias, int n)
            throws Exception {
        await(
                WAIT,
                "every node sees " + alias,
                () -> nodes.stream()
                        .filter(o -> o != publisher)
                        .allMatch(o -> seen(o, publisher, alias).publishers() == n));
    }

    /** Another call right after: its RESULT is the next frame, so nothing of the gather came after its RESULT. */
    private static void nothingMoreFor(TestPeer caller) throws Exception {
        caller.send(new Deliver(999, "nobody-publishes-this", "name", 5_000, new byte[0]));
        Result next = caller.expect(Result.class);
        assertThat(next.id()).isEqualTo(999);
        assertThat(next.code()).isEqualTo(ResultCode.NO_SUCH_SESSION);
    }

    @Test
    void aGatherReachesEveryPublisherInTheClusterInTheCallersCodec() throws Exception {
        List<SwitchboardServer> nodes = nodes("gather-all", 3);
        named(nodes.get(0), "census", "json", "a");
        named(nodes.get(1), "census", "cbor", "b1");
        named(nodes.get(1), "census", "cbor", "b2");
        named(nodes.get(2), "census", "smile", "c");
        awaitSeen(nodes, nodes.get(1), "census", 2);
        awaitSeen(nodes, nodes.get(2), "census", 1);
        awaitSeen(nodes, nodes.get(0), "census", 1);
        TestPeer caller = caller(nodes.get(0), "cbor");

        gather(caller, 7, "census", 60_000);

        Gathered g = gathered(caller, 7);
        assertThat(g.replies()).hasSize(4).allSatisfy(r -> assertThat(r.code()).isEqualTo(ResultCode.OK));
        assertThat(g.replies()).extracting(Reply::publisher).doesNotHaveDuplicates();
        List<String> names = new ArrayList<>();
        for (Reply r : g.replies()) {
            String name = Codec.CBOR.mapper().readTree(r.payload()).get("name").asText();
            names.add(name);
            // The local publisher keeps its connection id; remote ones are marked (docs/protocol.md).
            assertThat(r.publisher() < 0).as("remote publisher " + name).isEqualTo(!name.equals("a"));
        }
        assertThat(names).containsExactlyInAnyOrder("a", "b1", "b2", "c");
        assertThat(g.counts(Codec.CBOR)).isEqualTo("{\"publishers\":4,\"ok\":4,\"failed\":0,\"timed_out\":0}");
        nothingMoreFor(caller);
    }

    @Test
    void onlyRemotePublishersAnswerInsteadOfNoSuchSession() throws Exception {
        List<SwitchboardServer> nodes = nodes("gather-remote", 2);
        named(nodes.get(1), "far", "json", "b");
        awaitSeen(nodes, nodes.get(1), "far", 1);
        TestPeer caller = caller(nodes.get(0), "json");

        gather(caller, 1, "far", 60_000);

        Gathered g = gathered(caller, 1);
        assertThat(g.replies()).hasSize(1);
        assertThat(Codec.JSON
                        .mapper()
                        .readTree(g.replies().get(0).payload())
                        .get("name")
                        .asText())
                .isEqualTo("b");
        assertThat(g.counts(Codec.JSON)).isEqualTo("{\"publishers\":1,\"ok\":1,\"failed\":0,\"timed_out\":0}");

        gather(caller, 2, "nobody-at-all", 60_000);
        Result none = caller.expect(Result.class);
        assertThat(none.id()).isEqualTo(2);
        assertThat(none.code()).isEqualTo(ResultCode.NO_SUCH_SESSION);
    }

    @Test
    void aSilentRemotePublisherTimesOutAndOneResultEndsTheCallAtItsDeadline() throws Exception {
        List<SwitchboardServer> nodes = nodes("gather-silent", 3);
        named(nodes.get(1), "quiet", "json", "b");
        TestPeer silent = publisher(nodes.get(2), "quiet", "json");
        awaitSeen(nodes, nodes.get(1), "quiet", 1);
        awaitSeen(nodes, nodes.get(2), "quiet", 1);
        TestPeer caller = caller(nodes.get(0), "json");
        long deadlineMs = 2_000;
        long sentAt = System.nanoTime();

        gather(caller, 3, "quiet", deadlineMs);
        Deliver held = silent.expect(Deliver.class); // never answered in time

        Gathered g = gathered(caller, 3);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
        assertThat(tookMs).as("ends at the deadline, not before").isGreaterThanOrEqualTo(deadlineMs - 100);
        assertThat(g.replies()).extracting(Reply::code).contains(ResultCode.OK);
        assertThat(g.counts(Codec.JSON)).isEqualTo("{\"publishers\":2,\"ok\":1,\"failed\":0,\"timed_out\":1}");
        silent.send(Result.ok(held.id(), "{\"late\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        nothingMoreFor(caller);
    }

    @Test
    void aNodeLeavingMidCallCountsItsPublishersFailedAndOneResultEndsTheCall() throws Exception {
        List<SwitchboardServer> nodes = nodes("gather-lost", 3);
        named(nodes.get(1), "fragile", "json", "b");
        TestPeer holder = publisher(nodes.get(2), "fragile", "json");
        awaitSeen(nodes, nodes.get(1), "fragile", 1);
        awaitSeen(nodes, nodes.get(2), "fragile", 1);
        TestPeer caller = caller(nodes.get(0), "json");
        long deadlineMs = 120_000;

        gather(caller, 4, "fragile", deadlineMs);
        Deliver held = holder.expect(Deliver.class);
        Reply fromB = caller.expect(Reply.class);
        assertThat(fromB.code()).isEqualTo(ResultCode.OK);
        long lostAt = System.nanoTime();
        cluster(nodes.get(2)).close(); // node-c leaves the view; its server and publisher stay up

        Gathered g = gathered(caller, 4);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAt);
        assertThat(g.replies()).isEmpty();
        assertThat(g.counts(Codec.JSON)).isEqualTo("{\"publishers\":2,\"ok\":1,\"failed\":1,\"timed_out\":0}");
        assertThat(tookMs).as("well before the call's deadline").isLessThan(deadlineMs / 2);
        holder.send(Result.ok(held.id(), new byte[] {'1'}));
        nothingMoreFor(caller);
    }
}
