package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.testing.HandlerPeer;
import io.switchboard.server.testing.TcpUser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Events refused busy are sent again; an event that times out counts as answered. */
class FrontDoorRetryTest extends FrontDoorServerTest {

    @Test
    void anInstanceAtItsInflightCapGetsTheEventOnceItHasRoom() throws Exception {
        int port = start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo"));
        HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "echo", "json", 1));
        handler.ack("welcome-back");
        track(new TcpUser(port));
        Deliver first = handler.event("connect");
        track(new TcpUser(port));
        // The second line's connect is refused busy by the cap and retried after a pause.
        assertThat(handler.peer.poll(Duration.ofMillis(300))).isNull();
        handler.ok(first, null);
        Deliver second = handler.event("connect");
        assertThat(second.meta().headers().get("line"))
                .isNotEqualTo(first.meta().headers().get("line"));
        assertThat(server.frontDoorStats("echo").failed()).isZero();
    }

    @Test
    void aBusyAnswerIsRetriedAndATimeoutLetsTheLineGoOn() throws Exception {
        int port =
                start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo").eventTimeoutMs(300));
        HandlerPeer handler = track(HandlerPeer.publish(server.tcpPort(), "echo", "json"));
        handler.ack("welcome-back");
        TcpUser user = track(new TcpUser(port));
        handler.ack("connect");
        user.send("once");
        Deliver refused = handler.event("input");
        handler.answer(refused, Result.failure(0, ResultCode.BUSY, "not now"));
        Deliver again = handler.event("input");
        assertThat(handler.payload(again).asText()).isEqualTo("once");
        assertThat(again.meta().headers()).doesNotContainKey("redelivered");
        // Not answered: after event-timeout the line goes on with its next input.
        user.send("next");
        Deliver next = handler.event("input");
        assertThat(handler.payload(next).asText()).isEqualTo("next");
        handler.ok(next, "done");
        assertThat(user.next()).isEqualTo("done");
        assertThat(server.frontDoorStats("echo").failed()).isEqualTo(1);
    }
}
