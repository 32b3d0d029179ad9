package io.switchboard.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.Subscribe;
import io.switchboard.protocol.message.Unsubscribe;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code max-inflight-calls-per-connection} and {@code max-subscriptions-per-connection}, over real sockets. */
class PerConnectionBoundsTest {

    @Test
    void aCallBeyondTheConnectionsLimitIsAnsweredBusyAndAnAnsweredOneFreesItsPlace() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                        .port(0)
                        .maxInflightCallsPerConnection(2)
                        .build());
                TestPeer publisher = TestPeer.binary(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            publisher.hello("json");
            publisher.send(new Publish(1, "echo", List.of("say"), null, null));
            publisher.expect(Ack.class);
            caller.hello("json");

            caller.send(new Deliver(1, "echo", "say", 30_000, json("1")));
            caller.send(new Deliver(2, "echo", "say", 30_000, json("2")));
            Deliver first = publisher.expect(Deliver.class);
            publisher.expect(Deliver.class);
            caller.send(new Deliver(3, "echo", "say", 30_000, json("3")));
            Result refused = caller.expect(Result.class);
            assertThat(refused.id()).isEqualTo(3);
            assertThat(refused.code()).isEqualTo(ResultCode.BUSY);
            assertThat(refused.message()).contains("max-inflight-calls-per-connection");

            publisher.send(Result.ok(first.id(), json("\"one\"")));
            assertThat(caller.expect(Result.class).id()).isEqualTo(1);
            caller.send(new Deliver(3, "echo", "say", 30_000, json("3")));
            assertThat(publisher.expect(Deliver.class).payload()).isEqualTo(json("3"));
        }
    }

    @Test
    void aSubscriptionBeyondTheConnectionsLimitIsRefusedAndUnsubscribingFreesItsPlace() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                        .port(0)
                        .maxSubscriptionsPerConnection(2)
                        .build());
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("json");
            peer.send(new Subscribe(1, "a"));
            peer.expect(SessionEvent.class);
            peer.send(new Subscribe(2, "b"));
            peer.expect(SessionEvent.class);

            peer.send(new Subscribe(3, "c"));
            ErrorMessage refused = peer.expect(ErrorMessage.class);
            assertThat(refused.req()).isEqualTo(3);
            assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(refused.message()).contains("max-subscriptions-per-connection");

            peer.send(new Subscribe(4, "a")); // already subscribed: answered as before
            assertThat(peer.expect(SessionEvent.class).req()).isEqualTo(4);
            peer.send(new Unsubscribe(5, "b"));
            peer.expect(Ack.class);
            peer.send(new Subscribe(6, "c"));
            assertThat(peer.expect(SessionEvent.class).req()).isEqualTo(6);
        }
    }

    @Test
    void aPublicationBeyondTheConnectionsLimitIsRefusedAndRescindingFreesItsPlace() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                        .port(0)
                        .maxPublicationsPerConnection(2)
                        .build());
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("json");
            peer.send(new Publish(1, "a", List.of("m"), null, null));
            peer.expect(Ack.class);
            peer.send(new Publish(2, "b", List.of("m"), null, null));
            peer.expect(Ack.class);

            peer.send(new Publish(3, "c", List.of("m"), null, null));
            ErrorMessage refused = peer.expect(ErrorMessage.class);
            assertThat(refused.req()).isEqualTo(3);
            assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(refused.message()).contains("max-publications-per-connection");

            peer.send(new Rescind(4, "b"));
            peer.expect(Ack.class);
            peer.send(new Publish(5, "c", List.of("m"), null, null));
            assertThat(peer.expect(Ack.class).req()).isEqualTo(5);
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
