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

    @Test
    void aLineWaitingAtTheCapIsRetriedOncePerPauseNotInEverGrowingNumbers() throws Exception {
        int port = start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo"));
        HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "echo", "json", 1));
        handler.ack("welcome-back");
        track(new TcpUser(port));
        Deliver held = handler.event("connect"); // holds the only slot
        track(new TcpUser(port));
        Awaits.until(
                "the second line's connect waits for the slot",
                () -> server.frontDoorStats("echo").bufferedEvents() == 1);

        // Each retry finds the slot taken (one busy refusal). Retries that each started two more used to double
        // every pause: after a few pauses the event loop did nothing else.
        long before = server.stats().busy();
        Awaits.until("a few retries found the slot taken", () -> server.stats().busy() - before >= 5);
        long from = server.stats().busy();
        Thread.sleep(10 * Dispatcher.RETRY_PAUSE_MS);
        assertThat(server.stats().busy() - from)
                .as("busy refusals over ten retry pauses: one retry per pause at most, plus the timer's slack")
                .isLessThanOrEqualTo(15);

        handler.ok(held, null);
        assertThat(handler.event("connect").meta().headers().get("line"))
                .as("the waiting line gets the slot once it frees")
                .isNotNull();
    }
}
