package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.message.Deliver;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.HandlerPeer;
import io.switchboard.server.testing.TcpUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One flooding line must not starve another user's events on the way to a slow application: at the instance's
 * in-flight cap, lines take turns. Asserts the ORDER events reach the handler, not how long anything took.
 */
class FrontDoorFairnessTest extends FrontDoorServerTest {

    private static final int FLOOD = 20;

    @Test
    void aQuietLinesInputGoesBeforeTheFloodingLinesBacklogAtTheInflightCap() throws Exception {
        int port = start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo")
                .maxInputRate(0)
                .maxInputRatePerAddress(0));
        HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "echo", "json", 1));
        handler.ack("welcome-back");

        TcpUser flooding = track(new TcpUser(port));
        String floodLine = handler.ack("connect").meta().headers().get("line");
        for (int i = 0; i < FLOOD; i++) {
            flooding.send("flood " + i);
        }
        Deliver held = handler.event("input"); // the slow application holds the only slot
        Awaits.until(
                "the rest of the flood waits in the server",
                () -> server.frontDoorStats("echo").bufferedEvents() == FLOOD - 1);

        TcpUser quiet = track(new TcpUser(port));
        Awaits.until(
                "the quiet line's connect waits for the slot too",
                () -> server.frontDoorStats("echo").bufferedEvents() == FLOOD);
        quiet.send("hello");
        Awaits.until(
                "and so does its input", () -> server.frontDoorStats("echo").bufferedEvents() == FLOOD + 1);

        // The application answers one event at a time; record what comes next.
        List<String> order = new ArrayList<>();
        Deliver next = held;
        while (true) {
            handler.ok(next, null);
            next = handler.next(Deliver.class);
            boolean fromFlood = floodLine.equals(next.meta().headers().get("line"));
            String what = (fromFlood ? "flood " : "quiet ") + next.method();
            order.add(what);
            if (what.equals("quiet input")) {
                break;
            }
        }
        assertThat(order)
                .as("the lines take turns at the slot")
                .containsExactly("quiet connect", "flood input", "quiet input");
        assertThat(handler.payload(next).asText()).isEqualTo("hello");
        assertThat(server.frontDoorStats("echo").bufferedEvents())
                .as("most of the flood is still waiting")
                .isEqualTo(FLOOD - 2);
    }
}
