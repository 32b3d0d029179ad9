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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jgroups.BytesMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls across nodes: in-process nodes over loopback with TCPPING, clients and publishers on real sockets. A call
 * reaches a publisher on another node with its payload intact (converted between codecs on the way), local publishers
 * win ties, load spreads over remote nodes, and every call gets exactly one RESULT when its deadline passes or its
 * node leaves.
 */
class CrossNodeCallsTest {

    private static final byte[] PAYLOAD =
            "{\"n\":1,\"s\":\"h\u00e9llo\",\"a\":[1,true,null]}".getBytes(StandardCharsets.UTF_8);

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
        peer.send(new Publish(1, alias, List.of("echo"), null, null));
        peer.expect(Ack.class);
        return peer;
    }

    /** A publisher that answers every call with its payload; counts what it answered. */
    private AtomicInteger echo(SwitchboardServer server, String alias, String codec) throws Exception {
        TestPeer peer = publisher(server, alias, codec);
        AtomicInteger answered = new AtomicInteger();
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Message m = peer.poll(Duration.ofMillis(200));
                    if (m instanceof Deliver d) {
                        answered.incrementAndGet();
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
        return answered;
    }

    private TestPeer caller(SwitchboardServer server, String codec) throws Exception {
        TestPeer peer = open.add(TestPeer.binary(server.tcpPort()));
        peer.hello(codec);
        return peer;
    }

    private static Result call(TestPeer caller, long id, String alias, byte[] payload) throws Exception {
        caller.send(new Deliver(id, alias, "echo", 60_000, payload));
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(id);
        return result;
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

    @Test
    void callsCrossEveryPairOfNodesWithTheirPayloadsIntact() throws Exception {
        List<SwitchboardServer> nodes = nodes("pairs", 3);
        // node-b's publisher takes CBOR: JSON callers elsewhere are converted for it and back.
        String[] codecs = {"json", "cbor", "json"};
        List<AtomicInteger> answered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answered.add(echo(nodes.get(i), "on-" + i, codecs[i]));
        }
        for (int i = 0; i < 3; i++) {
            awaitSeen(nodes, nodes.get(i), "on-" + i, 1);
        }
        long id = 0;
        for (int from = 0; from < 3; from++) {
            TestPeer json = caller(nodes.get(from), "json");
            for (int to = 0; to < 3; to++) {
                if (to == from) {
                    continue;
                }
                int before = answered.get(to).get();
                Result result = call(json, ++id, "on-" + to, PAYLOAD);
                assertThat(result.code()).as("node %d to node %d", from, to).isEqualTo(ResultCode.OK);
                assertThat(new String(result.payload(), StandardCharsets.UTF_8))
                        .isEqualTo(new String(PAYLOAD, StandardCharsets.UTF_8));
                assertThat(answered.get(to).get()).isEqualTo(before + 1);
            }
        }
        // Headers and the caller's name travel too; an unknown method is answered by the publisher's node.
        TestPeer caller = caller(nodes.get(0), "json");
        caller.send(new Deliver(
                ++id,
                "on-1",
                "echo",
                60_000,
                CallMeta.headers(Map.of("trace", "t-1")),
                "7".getBytes(StandardCharsets.UTF_8)));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.OK);
        caller.send(new Deliver(++id, "on-1", "nope", 60_000, "7".getBytes(StandardCharsets.UTF_8)));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.UNKNOWN_METHOD);
        // A CBOR caller reaches a JSON publisher on another node.
        TestPeer cbor = caller(nodes.get(1), "cbor");
        byte[] cborPayload = io.switchboard.protocol.PayloadTranscoder.transcode(
                PAYLOAD, io.switchboard.protocol.Codec.JSON, io.switchboard.protocol.Codec.CBOR);
        Result fromCbor = call(cbor, ++id, "on-2", cborPayload);
        assertThat(fromCbor.code()).isEqualTo(ResultCode.OK);
        assertThat(fromCbor.payload()).isEqualTo(cborPayload);

        ForwardingReport a = cluster(nodes.get(0)).forwarding();
        assertThat(a.forwardedOut()).isGreaterThanOrEqualTo(4);
        assertThat(a.forwardedIn()).isGreaterThanOrEqualTo(2);
        assertThat(a.inFlight()).isZero();
    }

    @Test
    void localPublishersWinTiesAndCallsSpreadOverRemoteNodes() throws Exception {
        List<SwitchboardServer> nodes = nodes("spread", 3);
        AtomicInteger tieHere = echo(nodes.get(0), "tie", "json");
        AtomicInteger tieThere = echo(nodes.get(1), "tie", "json");
        AtomicInteger spreadB = echo(nodes.get(1), "spread", "json");
        AtomicInteger spreadC = echo(nodes.get(2), "spread", "json");
        awaitSeen(nodes, nodes.get(1), "tie", 1);
        awaitSeen(nodes, nodes.get(1), "spread", 1);
        awaitSeen(nodes, nodes.get(2), "spread", 1);

        TestPeer caller = caller(nodes.get(0), "json");
        for (int i = 1; i <= 20; i++) {
            assertThat(call(caller, i, "tie", PAYLOAD).code()).isEqualTo(ResultCode.OK);
        }
        assertThat(tieHere.get()).isEqualTo(20);
        assertThat(tieThere.get()).isZero();

        for (int i = 21; i <= 40; i++) {
            assertThat(call(caller, i, "spread", PAYLOAD).code()).isEqualTo(ResultCode.OK);
        }
        assertThat(spreadB.get() + spreadC.get()).isEqualTo(20);
        assertThat(spreadB.get()).isPositive();
        assertThat(spreadC.get()).isPositive();
    }

    @Test
    void aNodeLeavingWithCallsInFlightAnswersThemPublisherLost() throws Exception {
        List<SwitchboardServer> nodes = nodes("lost", 3);
        TestPeer holder = publisher(nodes.get(2), "held-up", "json");
        awaitSeen(nodes, nodes.get(2), "held-up", 1);
        TestPeer caller = caller(nodes.get(0), "json");
        int calls = 8;
        long deadlineMs = 120_000;
        for (int i = 1; i <= calls; i++) {
            caller.send(new Deliver(i, "held-up", "echo", deadlineMs, PAYLOAD));
        }
        List<Deliver> taken = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            taken.add(holder.expect(Deliver.class));
        }
        long lostAt = System.nanoTime();
        cluster(nodes.get(2)).close(); // node-c leaves the view; its server and publisher stay up
        Map<Long, ResultCode> results = new HashMap<>();
        for (int i = 0; i < calls; i++) {
            Result r = caller.expect(Result.class);
            results.put(r.id(), r.code());
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAt);
        assertThat(results)
                .hasSize(calls)
                .allSatisfy((id, code) -> assertThat(code).isEqualTo(ResultCode.PUBLISHER_LOST));
        assertThat(tookMs).as("well before the calls' deadline").isLessThan(deadlineMs / 2);
        assertThat(cluster(nodes.get(0)).forwarding().lostNodeFailures()).isEqualTo(calls);
        // The publisher answers now: node-c is out of the cluster, nothing reaches the caller.
        for (Deliver d : taken) {
            holder.send(Result.ok(d.id(), d.payload()));
        }
        caller.send(new Deliver(100, "held-up", "echo", 60_000, PAYLOAD));
        Result after = caller.expect(Result.class);
        assertThat(after.id()).isEqualTo(100);
        assertThat(after.code()).isEqualTo(ResultCode.NO_SUCH_SESSION);
    }

    @Test
    void anIdempotentCallOfALostLocalPublisherIsReroutedToAnotherNode() throws Exception {
        List<SwitchboardServer> nodes = nodes("reroute", 2);
        TestPeer local = open.add(TestPeer.binary(nodes.get(0).tcpPort()));
        local.hello("json");
        local.send(new Publish(1, "safe", List.of("echo"), List.of("echo"), null, SessionPolicy.REROUTE));
        local.expect(Ack.class);
        TestPeer remote = open.add(TestPeer.binary(nodes.get(1).tcpPort()));
        remote.hello("json");
        remote.send(new Publish(1, "safe", List.of("echo"), List.of("echo"), null, SessionPolicy.REROUTE));
        remote.expect(Ack.class);
        awaitSeen(nodes, nodes.get(1), "safe", 1);
        TestPeer caller = caller(nodes.get(0), "json");
        caller.send(new Deliver(1, "safe", "echo", 60_000, PAYLOAD));
        local.expect(Deliver.class); // the local publisher wins the tie, then goes away without answering
        local.close();
        Deliver rerouted = remote.expect(Deliver.class);
        assertThat(rerouted.payload()).isEqualTo(PAYLOAD);
        remote.send(Result.ok(rerouted.id(), rerouted.payload()));
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(1);
        assertThat(result.code()).isEqualTo(ResultCode.OK);
        assertThat(result.payload()).isEqualTo(PAYLOAD);
    }

    @Test
    void aGracefulShutdownWaitsForForwardedCallsThenAnswersTheRest() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        String name = ClusterNodes.clusterName("drain");
        List<Integer> ports = ClusterNodes.freePorts(2);
        SwitchboardServer a = open.add(SwitchboardServer.start(ClusterNodes.staticNode("node-a", store, name, ports, 0)
                .shutdownGraceMs(60_000)
                .build()));
        SwitchboardServer b = open.add(SwitchboardServer.start(
                ClusterNodes.staticNode("node-b", store, name, ports, 1).build()));
        List<SwitchboardServer> nodes = List.of(a, b);
        await(WAIT, "two members", () -> members(a, 2) && members(b, 2));
        TestPeer holder = publisher(b, "draining", "json");
        awaitSeen(nodes, b, "draining", 1);
        TestPeer caller = caller(a, "json");
        caller.send(new Deliver(1, "draining", "echo", 120_000, PAYLOAD));
        Deliver held = holder.expect(Deliver.class);
        var stopped = a.shutdown();
        caller.await(io.switchboard.protocol.message.Shutdown.class);
        assertThat(stopped).as("the drain waits for the forwarded call").isNotDone();
        holder.send(Result.ok(held.id(), PAYLOAD));
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(1);
        assertThat(result.code()).isEqualTo(ResultCode.OK);
        stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aCallTimingOutAtTheCallersNodeGetsExactlyOneTimeout() throws Exception {
        List<SwitchboardServer> nodes = nodes("timeout", 2);
        TestPeer holder = publisher(nodes.get(1), "slow", "json");
        awaitSeen(nodes, nodes.get(1), "slow", 1);
        TestPeer caller = caller(nodes.get(0), "json");
        caller.send(new Deliver(1, "slow", "echo", 1_000, PAYLOAD));
        Deliver held = holder.expect(Deliver.class);
        assertThat(held.timeoutMs()).isLessThanOrEqualTo(1_000);
        Result timedOut = caller.expect(Result.class);
        assertThat(timedOut.id()).isEqualTo(1);
        assertThat(timedOut.code()).isEqualTo(ResultCode.TIMEOUT);
        long lateBefore =
                nodes.get(0).stats().lateResults() + nodes.get(1).stats().lateResults();
        holder.send(Result.ok(held.id(), PAYLOAD)); // too late: dropped on one node or the other, and counted
        await(
                WAIT,
                "the late result is counted",
                () -> nodes.get(0).stats().lateResults() + nodes.get(1).stats().lateResults() > lateBefore);
        // The next message the caller gets is the next call's result: no second RESULT for call 1.
        caller.send(new Deliver(2, "slow", "echo", 60_000, PAYLOAD));
        Deliver second = holder.expect(Deliver.class);
        holder.send(Result.ok(second.id(), PAYLOAD));
        Result next = caller.expect(Result.class);
        assertThat(next.id()).isEqualTo(2);
        assertThat(next.code()).isEqualTo(ResultCode.OK);
        assertThat(cluster(nodes.get(0)).forwarding().inFlight()).isZero();
    }

    @Test
    void aForwardedCallIsNeverForwardedAgainAndLateOrBadMessagesAreHandled() throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        String name = ClusterNodes.clusterName("loop");
        List<Integer> ports = ClusterNodes.freePorts(3);
        SwitchboardServer a = open.add(SwitchboardServer.start(
                ClusterNodes.staticNode("node-a", store, name, ports, 0).build()));
        SwitchboardServer b = open.add(SwitchboardServer.start(
                ClusterNodes.staticNode("node-b", store, name, ports, 1).build()));
        // A raw member on the same stack, sending link messages of its own making.
        ClusterSettings raw = new ClusterSettings(
                name,
                Discovery.STATIC,
                ports.stream()
                        .map(p -> new io.switchboard.server.cluster.Peer("127.0.0.1", p))
                        .toList(),
                "127.0.0.1",
                ports.get(2),
                Optional.empty(),
                ClusterSettings.DEFAULT_FAILURE_DETECTION_MS);
        RawMember member = open.add(new RawMember(raw, "raw"));
        await(WAIT, "three members", () -> members(a, 3) && members(b, 3));
        echo(b, "elsewhere", "json");
        await(WAIT, "a sees elsewhere on b", () -> seen(a, b, "elsewhere").publishers() == 1);

        // A call link message that comes by JGroups is dropped: calls travel on the link only.
        member.channel.send(new BytesMessage(
                cluster(b).address(),
                new LinkMessage.Call(40, 30_000, "json", false, "elsewhere", "echo", CallMeta.NONE, PAYLOAD).encode()));

        // A call forwarded to a for an alias only b publishes: a answers no-such-session, never forwards it on.
        long forwardedOutBefore = cluster(a).forwarding().forwardedOut();
        member.send(
                cluster(a).address(),
                new LinkMessage.Call(41, 30_000, "json", false, "elsewhere", "echo", CallMeta.NONE, PAYLOAD).encode());
        LinkMessage.Result noSuch = member.nextResult(WAIT.toSeconds());
        assertThat(noSuch).isNotNull();
        assertThat(noSuch.callId()).isEqualTo(41);
        assertThat(noSuch.code()).isEqualTo(ResultCode.NO_SUCH_SESSION);
        assertThat(cluster(a).forwarding().forwardedOut()).isEqualTo(forwardedOutBefore);

        // Forwarded to b, which publishes it: answered by b's publisher, in the codec named.
        member.send(
                cluster(b).address(),
                new LinkMessage.Call(42, 30_000, "json", false, "elsewhere", "echo", CallMeta.NONE, PAYLOAD).encode());
        LinkMessage.Result ok = member.nextResult(WAIT.toSeconds());
        assertThat(ok).isNotNull();
        assertThat(ok.callId()).isEqualTo(42);
        assertThat(ok.code()).isEqualTo(ResultCode.OK);
        assertThat(ok.payload()).isEqualTo(PAYLOAD);

        // A malformed call whose id can be read is refused with bad-request; an unknown codec likewise.
        byte[] truncated = Arrays.copyOf(
                new LinkMessage.Call(43, 30_000, "json", false, "elsewhere", "echo", CallMeta.NONE, PAYLOAD).encode(),
                20);
        member.send(cluster(b).address(), truncated);
        LinkMessage.Result bad = member.nextResult(WAIT.toSeconds());
        assertThat(bad).isNotNull();
        assertThat(bad.callId()).isEqualTo(43);
        assertThat(bad.code()).isEqualTo(ResultCode.BAD_REQUEST);
        member.send(
                cluster(b).address(),
                new LinkMessage.Call(44, 30_000, "yaml", false, "elsewhere", "echo", CallMeta.NONE, PAYLOAD).encode());
        LinkMessage.Result codec = member.nextResult(WAIT.toSeconds());
        assertThat(codec).isNotNull();
        assertThat(codec.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(codec.message()).contains("yaml");

        // A result for a call a never forwarded (or settled long ago) is dropped and counted as late.
        long late = a.stats().lateResults();
        member.send(cluster(a).address(), new LinkMessage.Result(999, ResultCode.OK, null, PAYLOAD).encode());
        await(WAIT, "a counts the late result", () -> a.stats().lateResults() == late + 1);
        assertThat(member.received)
                .as("nothing answers the call that came by JGroups")
                .isEmpty();
    }

    /** Not an assertion on time: logs the median round trip of a local and a forwarded call (docs/cluster.md). */
    @Test
    void measuresTheLatencyOneHopAdds() throws Exception {
        List<SwitchboardServer> nodes = nodes("latency", 2);
        echo(nodes.get(0), "measured", "json");
        awaitSeen(nodes, nodes.get(0), "measured", 1);
        TestPeer local = caller(nodes.get(0), "json");
        TestPeer remote = caller(nodes.get(1), "json");
        int n = 2000;
        long localMedian = median(local, n);
        long remoteMedian = median(remote, n);
        long localAgain = median(local, n);
        long remoteAgain = median(remote, n);
        // Printed, not logged: the tests log at WARN.
        System.out.printf(
                "one hop: local call median %d us / %d us, forwarded call median %d us / %d us: about %d us added%n",
                localMedian / 1000,
                localAgain / 1000,
                remoteMedian / 1000,
                remoteAgain / 1000,
                (Math.min(remoteMedian, remoteAgain) - Math.min(localMedian, localAgain)) / 1000);
        assertThat(remoteMedian).isPositive();
    }

    private static long median(TestPeer caller, int calls) throws Exception {
        long[] took = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            Result r = call(caller, 1_000_000L + i, "measured", PAYLOAD);
            took[i] = System.nanoTime() - start;
            assertThat(r.code()).isEqualTo(ResultCode.OK);
        }
        Arrays.sort(took);
        return took[calls / 2];
    }
}
