package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.SessionState;
import io.switchboard.protocol.message.Subscribe;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The states SUBSCRIBE answers and notifies (docs/protocol.md, "SUBSCRIBE → SESSION"), over real sockets. */
class SubscribeStatesTest {

    private static final List<String> METHODS = List.of("levels", "reserve");

    @Test
    void anAliasNeverSeenPublishedIsPublishedThenRescindedThenRepublished() throws Exception {
        try (SwitchboardServer server =
                        SwitchboardServer.start(ServerConfig.builder().port(0).build());
                TestPeer watcher = peer(server);
                TestPeer publisher = peer(server)) {
            watcher.send(new Subscribe(1, "inv"));
            assertThat(watcher.expect(SessionEvent.class).state()).isEqualTo(SessionState.ABSENT);

            publish(publisher, 1, SessionPolicy.FAIL);
            SessionEvent first = watcher.expect(SessionEvent.class);
            assertThat(first.req()).isZero();
            assertThat(first.state()).isEqualTo(SessionState.PUBLISHED);
            assertThat(first.methods()).isEqualTo(METHODS);

            // Subscribing twice answers with the state now and changes nothing: one notification per change.
            watcher.send(new Subscribe(2, "inv"));
            SessionEvent again = watcher.expect(SessionEvent.class);
            assertThat(again.req()).isEqualTo(2);
            assertThat(again.state()).isEqualTo(SessionState.PUBLISHED);

            publisher.send(new Rescind(2, "inv"));
            publisher.expect(Ack.class);
            assertThat(watcher.expect(SessionEvent.class).state()).isEqualTo(SessionState.RESCINDED);
            publish(publisher, 3, SessionPolicy.FAIL);
            assertThat(watcher.expect(SessionEvent.class).state()).isEqualTo(SessionState.REPUBLISHED);
            publisher.send(new Rescind(4, "inv"));
            publisher.expect(Ack.class);
            assertThat(watcher.expect(SessionEvent.class).state()).isEqualTo(SessionState.RESCINDED);
            assertThat(watcher.poll(java.time.Duration.ofMillis(200)))
                    .as("no second notification")
                    .isNull();
        }
    }

    @Test
    void aKeptHoldSessionWithoutPublishersIsAwayToSubscribeAsInList() throws Exception {
        try (SwitchboardServer server =
                        SwitchboardServer.start(ServerConfig.builder().port(0).build());
                TestPeer early = peer(server);
                TestPeer publisher = peer(server)) {
            early.send(new Subscribe(1, "inv"));
            assertThat(early.expect(SessionEvent.class).state()).isEqualTo(SessionState.ABSENT);
            publish(publisher, 1, SessionPolicy.HOLD);
            assertThat(early.expect(SessionEvent.class).state()).isEqualTo(SessionState.PUBLISHED);

            // Its last publisher gone, the session is kept: subscribers hear away, with the methods calls may name.
            publisher.send(new Rescind(2, "inv"));
            publisher.expect(Ack.class);
            SessionEvent left = early.expect(SessionEvent.class);
            assertThat(left.state()).isEqualTo(SessionState.AWAY);
            assertThat(left.methods()).isEqualTo(METHODS);

            try (TestPeer late = peer(server)) {
                late.send(new Subscribe(7, "inv"));
                SessionEvent now = late.expect(SessionEvent.class);
                assertThat(now.req()).isEqualTo(7);
                assertThat(now.state()).isEqualTo(SessionState.AWAY);
                assertThat(now.methods()).isEqualTo(METHODS);
                late.send(new ListSessions(8));
                assertThat(late.expect(Listing.class).sessions())
                        .singleElement()
                        .satisfies(info -> assertThat(info.listedAway()).isTrue());

                // Back again: republished to whoever saw it published, published to whoever did not.
                publish(publisher, 3, SessionPolicy.HOLD);
                assertThat(early.expect(SessionEvent.class).state()).isEqualTo(SessionState.REPUBLISHED);
                assertThat(late.expect(SessionEvent.class).state()).isEqualTo(SessionState.PUBLISHED);
            }
        }
    }

    private static void publish(TestPeer publisher, long req, SessionPolicy policy) throws Exception {
        publisher.send(new Publish(req, "inv", METHODS, List.of("levels"), null, policy));
        assertThat(publisher.expect(Ack.class).req()).isEqualTo(req);
    }

    private static TestPeer peer(SwitchboardServer server) throws Exception {
        TestPeer peer = TestPeer.binary(server.tcpPort());
        peer.hello("json");
        return peer;
    }
}
