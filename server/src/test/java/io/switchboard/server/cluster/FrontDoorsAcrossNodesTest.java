package io.switchboard.server.cluster;

import static io.switchboard.server.cluster.ClusterNodes.WAIT;
import static io.switchboard.server.cluster.ClusterNodes.cluster;
import static io.switchboard.server.cluster.ClusterNodes.members;
import static io.switchboard.server.cluster.ClusterNodes.seen;
import static io.switchboard.server.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.HandlerPeer;
import io.switchboard.server.testing.TcpUser;
import io.switchboard.server.testing.TestPeer;
import io.switchboard.server.testing.WebSocketUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Front doors across nodes (docs/front-door.md, "Front doors in a cluster"): three in-process nodes over loopback,
 * users on real TCP and WebSocket connections to one node, the handler instance on another, {@code $lines} called
 * from a third. Events arrive in order with their headers, replies reach the users, a handler moving between nodes is
 * welcomed back with every line, and events held by a node that leaves are redelivered.
 */
class FrontDoorsAcrossNodesTest {

    private final OpenedResources open = new OpenedResources();

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    /** Nodes a, b, c; node {@code i} has the front doors {@code doors.get(i)}. */
    private List<SwitchboardServer> nodes(String test, List<List<FrontDoorConfig>> doors) throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        String name = ClusterNodes.clusterName(test);
        List<Integer> ports = ClusterNodes.freePorts(doors.size());
        List<SwitchboardServer> nodes = new ArrayList<>();
        for (int i = 0; i < doors.size(); i++) {
            nodes.add(open.add(
                    SwitchboardServer.start(ClusterNodes.staticNode("node-" + (char) ('a' + i), store, name, ports, i)
                            .frontDoors(doors.get(i))
                            .build())));
        }
        await(WAIT, doors.size() + " members everywhere", () -> nodes.stream().allMatch(n -> members(n, doors.size())));
        return nodes;
    }

    private static FrontDoorConfig tcp(String name) {
        return FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "chat")
                .name(name)
                .build();
    }

    private static FrontDoorConfig websocket(String name) {
        return FrontDoorConfig.builder(FrontDoorProtocol.WEBSOCKET, 0, "chat")
                .name(name)
                .path("/chat")
                .build();
    }

    private HandlerPeer handler(SwitchboardServer node, List<SwitchboardServer> all, String codec) throws Exception {
        HandlerPeer handler = open.add(HandlerPeer.publish(node.tcpPort(), "chat", codec));
        await(
                WAIT,
                "every node sees the handler",
                () -> all.stream()
                        .filter(o -> o != node)
                        .allMatch(o -> seen(o, node, "chat").publishers() == 1));
        return handler;
    }

    private TcpUser user(SwitchboardServer node, String door) throws Exception {
        return open.add(new TcpUser(node.frontDoorPort(door)));
    }

    private TestPeer client(SwitchboardServer node) throws Exception {
        TestPeer peer = open.add(TestPeer.binary(node.tcpPort()));
        peer.hello("json");
        return peer;
    }

    private static Result lines(TestPeer client, long id, String method, Object document) throws Exception {
        client.send(new Deliver(
                id, "$lines", method, 30_000, client.codec().mapper().writeValueAsBytes(document)));
        Result result = client.expect(Result.class);
        assertThat(result.id()).isEqualTo(id);
        return result;
    }

    private static JsonNode doc(TestPeer client, Result result) throws Exception {
        return client.codec().mapper().readTree(result.payload());
    }

    /** Answers the next {@code count} welcome-backs (from the front doors of several nodes, in any order). */
    private static Map<String, JsonNode> welcomes(HandlerPeer handler, int count) throws Exception {
        Map<String, JsonNode> byDoor = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Deliver welcome = handler.event("welcome-back");
            JsonNode doc = handler.payload(welcome);
            byDoor.put(doc.get("front_door").asText() + "@" + i, doc);
            handler.ok(welcome, null);
        }
        return byDoor;
    }

    private static Set<String> ids(JsonNode list) {
        Set<String> ids = new HashSet<>();
        list.forEach(item -> ids.add(item.get("line").asText()));
        return ids;
    }

    @Test
    void eventsOfLinesOnOneNodeReachTheHandlerOnAnotherAndLinesCallsReachThemFromAThird() throws Exception {
        List<SwitchboardServer> nodes = nodes(
                "doors-events", List.of(List.of(), List.of(tcp("chat")), List.of(tcp("chat"), websocket("chat-ws"))));
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer b = nodes.get(1);
        SwitchboardServer c = nodes.get(2);
        HandlerPeer handler = handler(a, nodes, "json");
        welcomes(handler, 3); // b's chat, c's chat and chat-ws: each front door welcomes the instance

        TcpUser user = user(c, "chat");
        Deliver connect = handler.event("connect");
        Map<String, String> headers = connect.meta().headers();
        String line = headers.get("line");
        assertThat(connect.meta().caller()).isEqualTo("$front-door/chat");
        assertThat(headers).containsEntry("front_door", "chat").containsEntry("protocol", "tcp");
        assertThat(headers).containsKeys("remote", "connected_at");
        handler.ok(connect, null);

        user.send("hello");
        user.send("world");
        Deliver hello = handler.event("input");
        assertThat(hello.meta().headers())
                .containsEntry("line", line)
                .containsEntry("kind", "text")
                .containsKey("received_at");
        assertThat(handler.payload(hello).asText()).isEqualTo("hello");
        // One event per line at a time: "world" waits for the answer to "hello".
        assertThat(handler.peer.poll(Duration.ofMillis(300))).isNull();
        handler.ok(hello, "you said hello");
        assertThat(user.next()).isEqualTo("you said hello");
        Deliver world = handler.event("input");
        assertThat(handler.payload(world).asText()).isEqualTo("world");
        handler.ok(world, "you said world");
        assertThat(user.next()).isEqualTo("you said world");

        WebSocketUser wsUser = new WebSocketUser(c.frontDoorPort("chat-ws"), "/chat");
        open.add(wsUser::close);
        Deliver wsConnect = handler.event("connect");
        assertThat(wsConnect.meta().headers())
                .containsEntry("front_door", "chat-ws")
                .containsEntry("protocol", "websocket");
        String wsLine = wsConnect.meta().headers().get("line");
        handler.ok(wsConnect, null);
        wsUser.sendText("from the browser");
        Deliver wsInput = handler.event("input");
        assertThat(handler.payload(wsInput).asText()).isEqualTo("from the browser");
        handler.ok(wsInput, "seen");
        assertThat(wsUser.nextText()).isEqualTo("seen");

        // $lines from a client on node b, which has no such line: sends keep their order across the hop.
        TestPeer fromB = client(b);
        int sends = 20;
        for (int i = 0; i < sends; i++) {
            fromB.send(new Deliver(
                    100 + i,
                    "$lines",
                    "send",
                    30_000,
                    fromB.codec().mapper().writeValueAsBytes(Map.of("line", line, "text", "push " + i))));
        }
        for (int i = 0; i < sends; i++) {
            assertThat(fromB.expect(Result.class).code()).isEqualTo(ResultCode.OK);
        }
        for (int i = 0; i < sends; i++) {
            assertThat(user.next()).isEqualTo("push " + i);
        }

        assertThat(lines(fromB, 200, "set-attributes", Map.of("line", line, "attributes", Map.of("nick", "ada")))
                        .code())
                .isEqualTo(ResultCode.OK);
        user.send("again");
        Deliver again = handler.event("input");
        assertThat(again.meta().headers()).containsEntry("attr.nick", "ada");
        handler.ok(again, null);

        // The handler's own $lines calls (node a) reach the line on c.
        assertThat(handler.lines("send", Map.of("line", line, "text", "from the handler"))
                        .code())
                .isEqualTo(ResultCode.OK);
        assertThat(user.next()).isEqualTo("from the handler");

        Result some = lines(fromB, 201, "broadcast", Map.of("lines", List.of(line, wsLine, "nope"), "text", "all"));
        assertThat(some.code()).isEqualTo(ResultCode.OK);
        assertThat(doc(fromB, some).get("sent").asInt()).isEqualTo(2);
        assertThat(doc(fromB, some).get("missing").get(0).asText()).isEqualTo("nope");
        assertThat(user.next()).isEqualTo("all");
        assertThat(wsUser.nextText()).isEqualTo("all");

        // A front door by name: every node having one of that name sends to its lines.
        TcpUser onB = user(b, "chat");
        handler.ack("connect");
        Result everyone = lines(fromB, 202, "broadcast", Map.of("front_door", "chat", "text", "everyone"));
        assertThat(everyone.code()).isEqualTo(ResultCode.OK);
        assertThat(doc(fromB, everyone).get("sent").asInt()).isEqualTo(2);
        assertThat(user.next()).isEqualTo("everyone");
        assertThat(onB.next()).isEqualTo("everyone");
        assertThat(lines(fromB, 203, "broadcast", Map.of("front_door", "nowhere", "text", "x"))
                        .code())
                .isEqualTo(ResultCode.BAD_REQUEST);

        assertThat(lines(fromB, 204, "send", Map.of("line", "AAAAAAAAAAAAAAAAAAAAAA", "text", "x"))
                        .code())
                .isEqualTo(ResultCode.NO_SUCH_LINE);
        assertThat(handler.lines("send", Map.of("line", "BBBBBBBBBBBBBBBBBBBBBB", "text", "x"))
                        .code())
                .isEqualTo(ResultCode.NO_SUCH_LINE);

        assertThat(lines(fromB, 205, "close", Map.of("line", line, "reason", "bye"))
                        .code())
                .isEqualTo(ResultCode.OK);
        assertThat(user.next()).isEqualTo("closed: bye");
        Deliver disconnect = handler.event("disconnect");
        assertThat(disconnect.meta().headers())
                .containsEntry("line", line)
                .containsEntry("reason", "closed by application: bye");
        handler.ok(disconnect, null);
        assertThat(lines(fromB, 206, "send", Map.of("line", line, "text", "x")).code())
                .isEqualTo(ResultCode.NO_SUCH_LINE);
    }

    @Test
    void aHandlerMovingFromNodeAToNodeBIsWelcomedBackWithEveryLineOfNodeCAndNoUserIsDropped() throws Exception {
        List<SwitchboardServer> nodes = nodes("doors-move", List.of(List.of(), List.of(), List.of(tcp("chat"))));
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer b = nodes.get(1);
        SwitchboardServer c = nodes.get(2);
        HandlerPeer first = handler(a, nodes, "json");
        welcomes(first, 1);
        Map<String, TcpUser> users = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            TcpUser user = user(c, "chat");
            users.put(first.ack("connect").meta().headers().get("line"), user);
        }
        for (TcpUser user : users.values()) {
            user.send("before");
            Deliver input = first.event("input");
            first.ok(input, "ok " + first.payload(input).asText());
            assertThat(user.next()).isEqualTo("ok before");
        }

        first.close(); // the handler stops on node a...
        int typed = 3;
        for (int n = 0; n < typed; n++) {
            for (TcpUser user : users.values()) {
                user.send("meanwhile " + n); // ...while the users on node c go on typing
            }
        }
        await(WAIT, "node c sees no instance", () -> c.frontDoorStats("chat").instances() == 0);

        HandlerPeer second = open.add(HandlerPeer.publish(b.tcpPort(), "chat", "cbor")); // ...and comes back on b
        Deliver welcome = second.event("welcome-back");
        JsonNode doc = second.payload(welcome);
        assertThat(doc.get("reason").asText()).isEqualTo("published");
        assertThat(ids(doc.get("lines"))).isEqualTo(users.keySet());
        assertThat(doc.get("disconnected")).isEmpty();
        for (JsonNode item : doc.get("lines")) {
            assertThat(item.get("announced").asBoolean()).isTrue();
            assertThat(item.get("dropped").asInt()).isZero();
        }
        second.ok(welcome, null);

        Map<String, List<String>> inputs = new LinkedHashMap<>();
        for (int i = 0; i < typed * users.size(); i++) {
            Deliver input = second.event("input");
            String line = input.meta().headers().get("line");
            String text = second.payload(input).asText();
            inputs.computeIfAbsent(line, l -> new ArrayList<>()).add(text);
            second.ok(input, "ok " + text);
        }
        for (Map.Entry<String, TcpUser> user : users.entrySet()) {
            assertThat(inputs.get(user.getKey())).containsExactly("meanwhile 0", "meanwhile 1", "meanwhile 2");
            for (int n = 0; n < typed; n++) {
                assertThat(user.getValue().next()).isEqualTo("ok meanwhile " + n);
            }
        }
        // Nobody was dropped: every user still gets replies.
        for (TcpUser user : users.values()) {
            user.send("after");
            Deliver input = second.event("input");
            second.ok(input, "ok after");
            assertThat(user.next()).isEqualTo("ok after");
        }
        assertThat(c.frontDoorStats("chat").openLines()).isEqualTo(users.size());
        assertThat(c.frontDoorStats("chat").dropped()).isZero();
    }

    @Test
    void eventsHeldByANodeThatLeavesTheViewAreRedeliveredToTheNextInstance() throws Exception {
        List<SwitchboardServer> nodes = nodes("doors-leave", List.of(List.of(), List.of(), List.of(tcp("chat"))));
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer b = nodes.get(1);
        SwitchboardServer c = nodes.get(2);
        HandlerPeer first = handler(a, nodes, "json");
        welcomes(first, 1);
        Map<String, TcpUser> users = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            TcpUser user = user(c, "chat");
            users.put(first.ack("connect").meta().headers().get("line"), user);
        }
        HandlerPeer second = handler(b, nodes, "json");
        JsonNode empty = welcomes(second, 1).values().iterator().next();
        assertThat(empty.get("lines")).as("node a's instance keeps its lines").isEmpty();

        for (TcpUser user : users.values()) {
            user.send("held");
        }
        for (int i = 0; i < users.size(); i++) {
            first.event("input"); // held by the handler on node a, never answered
        }
        cluster(a).close(); // node a leaves the view with the events in flight

        Deliver moved = second.event("welcome-back");
        JsonNode doc = second.payload(moved);
        assertThat(doc.get("reason").asText()).isEqualTo("moved");
        assertThat(ids(doc.get("lines"))).isEqualTo(users.keySet());
        second.ok(moved, null);
        Set<String> redelivered = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            Deliver input = second.event("input");
            assertThat(second.payload(input).asText()).isEqualTo("held");
            assertThat(input.meta().headers()).containsEntry("redelivered", "true");
            redelivered.add(input.meta().headers().get("line"));
            second.ok(input, "answered by b");
        }
        assertThat(redelivered).isEqualTo(users.keySet());
        for (TcpUser user : users.values()) {
            assertThat(user.next()).isEqualTo("answered by b");
        }
        assertThat(c.frontDoorStats("chat").redelivered()).isEqualTo(users.size());
    }

    @Test
    void aNodeStoppingWithEventsInFlightHandsThemToTheNextInstanceMarkedRedelivered() throws Exception {
        List<SwitchboardServer> nodes = nodes("doors-stop", List.of(List.of(), List.of(), List.of(tcp("chat"))));
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer b = nodes.get(1);
        SwitchboardServer c = nodes.get(2);
        HandlerPeer first = handler(a, nodes, "json");
        welcomes(first, 1);
        TcpUser user = user(c, "chat");
        String line = first.ack("connect").meta().headers().get("line");
        HandlerPeer second = handler(b, nodes, "cbor");
        welcomes(second, 1);

        user.send("held");
        first.event("input"); // held by node a's handler, never answered
        a.close(); // a graceful stop: the node answers what it holds shutting-down, then leaves

        Deliver moved = second.event("welcome-back");
        assertThat(second.payload(moved).get("reason").asText()).isEqualTo("moved");
        assertThat(ids(second.payload(moved).get("lines"))).containsExactly(line);
        second.ok(moved, null);
        Deliver again = second.event("input");
        assertThat(second.payload(again).asText()).isEqualTo("held");
        assertThat(again.meta().headers()).containsEntry("redelivered", "true").containsEntry("line", line);
        second.ok(again, "answered by b");
        assertThat(user.next()).isEqualTo("answered by b");
    }

    @Test
    void aLocalInstanceIsPreferredForNewLinesWhileLinesOnAnotherNodesInstanceStayThere() throws Exception {
        List<SwitchboardServer> nodes = nodes("doors-local", List.of(List.of(), List.of(tcp("chat"))));
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer c = nodes.get(1);
        HandlerPeer remote = handler(a, nodes, "json");
        welcomes(remote, 1);
        TcpUser early = user(c, "chat");
        String earlyLine = remote.ack("connect").meta().headers().get("line");

        HandlerPeer local = open.add(HandlerPeer.publish(c.tcpPort(), "chat", "json"));
        JsonNode welcome = local.payload(local.ack("welcome-back"));
        assertThat(welcome.get("lines"))
                .as("the early line stays with its instance")
                .isEmpty();
        TcpUser late = user(c, "chat");
        String lateLine = local.ack("connect").meta().headers().get("line");
        assertThat(c.frontDoorStats("chat").instances()).isEqualTo(2);

        early.send("to a");
        Deliver onA = remote.event("input");
        assertThat(onA.meta().headers()).containsEntry("line", earlyLine);
        remote.ok(onA, "from a");
        assertThat(early.next()).isEqualTo("from a");
        late.send("to c");
        Deliver onC = local.event("input");
        assertThat(onC.meta().headers()).containsEntry("line", lateLine);
        local.ok(onC, "from c");
        assertThat(late.next()).isEqualTo("from c");
    }

    /** A handler that answers every input with its text, and every other event with nothing, until the test ends. */
    private void echoHandler(HandlerPeer handler) {
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Deliver event = handler.next(Deliver.class);
                    handler.ok(
                            event,
                            event.method().equals("input")
                                    ? handler.payload(event).asText()
                                    : null);
                }
            } catch (Throwable e) {
                // the handler closed at the end of the test
            }
        });
        thread.setDaemon(true);
        thread.start();
        open.add(thread::interrupt);
    }

    private static long medianReply(TcpUser user, int inputs) throws Exception {
        long[] took = new long[inputs];
        for (int i = 0; i < inputs; i++) {
            long start = System.nanoTime();
            user.send("m" + i);
            assertThat(user.next()).isEqualTo("m" + i);
            took[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(took);
        return took[inputs / 2];
    }

    @Test
    void measuresWhatTheHopAddsToTheReplyOfAnInput() throws Exception {
        FrontDoorConfig near = FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "near")
                .maxInputRate(0)
                .maxInputRatePerAddress(0)
                .build();
        FrontDoorConfig far = FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "far")
                .maxInputRate(0)
                .maxInputRatePerAddress(0)
                .build();
        List<SwitchboardServer> nodes = nodes("doors-latency", List.of(List.of(near, far), List.of()));
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer b = nodes.get(1);
        echoHandler(open.add(HandlerPeer.publish(a.tcpPort(), "near", "json")));
        echoHandler(open.add(HandlerPeer.publish(b.tcpPort(), "far", "json")));
        await(
                WAIT,
                "node a sees the handler on node b",
                () -> a.frontDoorStats("far").instances() == 1);
        TcpUser local = user(a, "near");
        TcpUser remote = user(a, "far");
        int n = 1000;
        long localMedian = medianReply(local, n);
        long remoteMedian = medianReply(remote, n);
        long localAgain = medianReply(local, n);
        long remoteAgain = medianReply(remote, n);
        // Printed, not logged: the tests log at WARN.
        System.out.printf(
                "front door input to reply: handler on the line's node median %d us / %d us, on another node %d us /"
                        + " %d us: about %d us added%n",
                localMedian / 1000,
                localAgain / 1000,
                remoteMedian / 1000,
                remoteAgain / 1000,
                (Math.min(remoteMedian, remoteAgain) - Math.min(localMedian, localAgain)) / 1000);
        assertThat(remoteMedian).isPositive();
    }
}
