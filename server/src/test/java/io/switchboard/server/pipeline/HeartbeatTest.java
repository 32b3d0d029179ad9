package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.SessionState;
import io.switchboard.protocol.message.Subscribe;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    @Test
    void pingsTheIdleAndClosesTheSilentAndRescindsTheirSessions() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                        .port(0)
                        .heartbeatMs(1_000)
                        .minHeartbeatMs(100)
                        .build());
                TestPeer watcher = TestPeer.binary(server.tcpPort());
                TestPeer silent = TestPeer.binary(server.tcpPort())) {
            watcher.hello("cbor");
            // Subscribe first: the silent peer may be closed soon after it publishes on a slow machine.
            watcher.send(new Subscribe(2, "svc"));
            assertThat(watcher.expect(SessionEvent.class).state()).isEqualTo(SessionState.ABSENT);
            silent.answerPings(false);
            // 250 ms: small, yet three intervals leave time to publish even on a loaded machine.
            assertThat(silent.helloWith(new Hello(Protocol.VERSION, "mute", List.of("json"), null, 250L))
                            .heartbeatMs())
                    .isEqualTo(250);
            silent.send(new Publish(1, "svc", List.of("m"), null, null));
            assertThat(watcher.expect(SessionEvent.class).state()).isEqualTo(SessionState.PUBLISHED);

            // The server pings a peer it has nothing to say to...
            assertThat(silent.nextRaw()).isInstanceOf(Ack.class);
            assertThat(silent.nextRaw()).isInstanceOf(Ping.class);
            // ...and gives up on one that says nothing for three intervals.
            assertThat(silent.await(ErrorMessage.class).code()).isEqualTo(ErrorCode.HEARTBEAT_TIMEOUT);
            silent.awaitClosed();
            assertThat(watcher.expect(SessionEvent.class).state()).isEqualTo(SessionState.RESCINDED);
        }
    }

    @Test
    void aSilentPeerIsPingedEveryIntervalUntilItsHeartbeatTimesOut() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                        ServerConfig.builder().port(0).minHeartbeatMs(100).build());
                TestPeer silent = TestPeer.binary(server.tcpPort())) {
            silent.answerPings(false);
            silent.helloWith(new Hello(Protocol.VERSION, "mute", List.of("json"), null, 500L));

            // Nothing is read after HELLO: PINGs at about 500 and 1000 ms, heartbeat-timeout at about 1500 ms.
            int pings = 0;
            Object next;
            while (!((next = silent.nextRaw()) instanceof ErrorMessage)) {
                assertThat(next).isInstanceOf(Ping.class);
                assertThat(((Ping) next).id()).as("heartbeat PINGs carry id 0").isZero();
                pings++;
            }
            assertThat(((ErrorMessage) next).code()).isEqualTo(ErrorCode.HEARTBEAT_TIMEOUT);
            assertThat(pings).as("one PING per interval of silence").isGreaterThanOrEqualTo(2);
            silent.awaitClosed();
        }
    }

    @Test
    void answersPingWithPong() throws Exception {
        try (SwitchboardServer server =
                        SwitchboardServer.start(ServerConfig.builder().port(0).build());
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("smile");
            peer.send(new Ping(1234));
            Object answer = peer.nextRaw();
            assertThat(answer).isEqualTo(new Pong(1234));
        }
    }
}
