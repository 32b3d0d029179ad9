package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.HandlerPeer;
import io.switchboard.server.testing.TcpUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The application goes away and comes back, or one of two instances goes: users stay, nothing is lost. */
class FrontDoorRecoveryTest extends FrontDoorServerTest {

    /** One event as the handler saw it. */
    private record Event(String line, String method, String input, boolean redelivered) {}

    /** Takes {@code count} events, answering each ok, and groups them by line in arrival order. */
    private static Map<String, List<Event>> take(HandlerPeer handler, int count) throws Exception {
        Map<String, List<Event>> byLine = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Deliver event = handler.next(Deliver.class);
            String line = event.meta().headers().get("line");
            String input =
                    event.method().equals("input") ? handler.payload(event).asText() : null;
            byLine.computeIfAbsent(line, l -> new ArrayList<>())
                    .add(new Event(
                            line,
                            event.method(),
                            input,
                            "true".equals(event.meta().headers().get("redelivered"))));
            handler.ok(event, null);
        }
        return byLine;
    }

    private static Set<String> ids(JsonNode list) {
        Set<String> ids = new HashSet<>();
        list.forEach(item -> ids.add(item.get("line").asText()));
        return ids;
    }

    @Test
    void aNewInstanceIsWelcomedBackWithExactlyTheOpenLinesThenGetsTheBufferedEventsInOrder() throws Exception {
        int port = start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo")
                .outageNotice("wait")
                .resumeNotice("back"));
        HandlerPeer first = HandlerPeer.publish(server.tcpPort(), "echo", "json");
        first.ack("welcome-back");
        TcpUser a = track(new TcpUser(port));
        String lineA = first.ack("connect").meta().headers().get("line");
        TcpUser b = track(new TcpUser(port));
        String lineB = first.ack("connect").meta().headers().get("line");
        a.send("a1");
        assertThat(first.event("input").meta().headers()).containsEntry("line", lineA);
        first.close(); // a1 is held unanswered: it must come again

        assertThat(a.next()).isEqualTo("wait");
        assertThat(b.next()).isEqualTo("wait");
        Awaits.until("the instance is gone", () -> server.frontDoorStats("echo").instances() == 0);
        a.send("a2");
        b.send("b1");
        TcpUser c = track(new TcpUser(port));
        assertThat(c.next()).isEqualTo("wait");
        b.close();
        Awaits.until("b's close is seen", () -> server.frontDoorStats("echo").openLines() == 2);

        HandlerPeer second = track(HandlerPeer.publish(server.tcpPort(), "echo", "json"));
        Deliver welcome = second.event("welcome-back");
        JsonNode doc = second.payload(welcome);
        assertThat(doc.get("reason").asText()).isEqualTo("published");
        assertThat(doc.get("more").asBoolean()).isFalse();
        assertThat(ids(doc.get("disconnected"))).containsExactly(lineB);
        Set<String> openIds = ids(doc.get("lines"));
        assertThat(openIds).hasSize(2).contains(lineA);
        String lineC =
                openIds.stream().filter(id -> !id.equals(lineA)).findFirst().orElseThrow();
        for (JsonNode item : doc.get("lines")) {
            assertThat(item.get("announced").asBoolean())
                    .isEqualTo(item.get("line").asText().equals(lineA));
            assertThat(item.get("protocol").asText()).isEqualTo("tcp");
        }
        // Nothing of those lines goes out before the welcome-back is answered.
        assertThat(second.peer.poll(java.time.Duration.ofMillis(200))).isNull();
        second.ok(welcome, null);
        assertThat(a.next()).isEqualTo("back");
        assertThat(c.next()).isEqualTo("back");

        Map<String, List<Event>> events = take(second, 5);
        assertThat(events.get(lineA))
                .containsExactly(new Event(lineA, "input", "a1", true), new Event(lineA, "input", "a2", false));
        assertThat(events.get(lineB))
                .containsExactly(new Event(lineB, "input", "b1", false), new Event(lineB, "disconnect", null, false));
        assertThat(events.get(lineC)).containsExactly(new Event(lineC, "connect", null, false));
        assertThat(server.frontDoorStats("echo").redelivered()).isEqualTo(1);
        assertThat(server.frontDoorStats("echo").bufferedEvents()).isZero();
        assertThat(server.frontDoorStats("echo").outages())
                .as("the only instance went away once")
                .isEqualTo(1);
        assertThat(server.frontDoorStats("echo").welcomeBacks())
                .as("first, then second")
                .isEqualTo(2);
    }

    @Test
    void whenOneOfTwoInstancesGoesItsLinesMoveToTheOtherAndNoUserIsDisconnected() throws Exception {
        int port = start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo"));
        HandlerPeer first = HandlerPeer.publish(server.tcpPort(), "echo", "cbor");
        first.ack("welcome-back");
        HandlerPeer second = track(HandlerPeer.publish(server.tcpPort(), "echo", "json"));
        JsonNode empty = second.payload(second.ack("welcome-back"));
        assertThat(empty.get("lines")).isEmpty();
        assertThat(empty.get("disconnected")).isEmpty();

        Map<String, TcpUser> users = new HashMap<>();
        Set<String> onFirst = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            TcpUser user = track(new TcpUser(port));
            // Fewest lines first: the two instances take turns.
            HandlerPeer expected = i % 2 == 0 ? first : second;
            String line = expected.ack("connect").meta().headers().get("line");
            users.put(line, user);
            if (expected == first) {
                onFirst.add(line);
            }
        }
        first.close();
        Deliver moved = second.event("welcome-back");
        JsonNode doc = second.payload(moved);
        assertThat(doc.get("reason").asText()).isEqualTo("moved");
        assertThat(ids(doc.get("lines"))).isEqualTo(onFirst);
        second.ok(moved, null);
        for (String line : onFirst) {
            users.get(line).send("still here");
            Deliver input = second.event("input");
            assertThat(input.meta().headers()).containsEntry("line", line);
            second.ok(input, "yes");
            assertThat(users.get(line).next()).isEqualTo("yes");
        }
        assertThat(server.frontDoorStats("echo").openLines()).isEqualTo(4);
        assertThat(server.frontDoorStats("echo").instances()).isEqualTo(1);
        assertThat(server.frontDoorStats("echo").outages())
                .as("another instance was left")
                .isZero();
        assertThat(server.frontDoorStats("echo").welcomeBacks())
                .as("two published, one moved")
                .isEqualTo(3);
    }

    @Test
    void aWelcomeBackOfMoreThanAThousandLinesComesInPartsEachAnsweredBeforeTheNext() throws Exception {
        // All 1001 users come from 127.0.0.1: no per-address limits.
        int port = start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo")
                .maxLinesPerAddress(0)
                .maxInputRatePerAddress(0));
        List<java.net.Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 1001; i++) {
                sockets.add(new java.net.Socket("127.0.0.1", port));
            }
            Awaits.until(
                    "1001 lines are open", () -> server.frontDoorStats("echo").openLines() == 1001);
            HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "echo", "cbor"));
            Deliver first = handler.event("welcome-back");
            JsonNode part = handler.payload(first);
            assertThat(part.get("lines")).hasSize(1000);
            assertThat(part.get("more").asBoolean()).isTrue();
            assertThat(handler.peer.poll(java.time.Duration.ofMillis(200))).isNull();
            handler.ok(first, null);
            JsonNode last = handler.payload(handler.ack("welcome-back"));
            assertThat(last.get("lines")).hasSize(1);
            assertThat(last.get("more").asBoolean()).isFalse();
            Set<String> all = ids(part.get("lines"));
            all.addAll(ids(last.get("lines")));
            assertThat(all).hasSize(1001);
            Set<String> connects = new HashSet<>();
            for (int i = 0; i < 1001; i++) {
                connects.add(handler.ack("connect").meta().headers().get("line"));
            }
            assertThat(connects).isEqualTo(all);
        } finally {
            for (java.net.Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
