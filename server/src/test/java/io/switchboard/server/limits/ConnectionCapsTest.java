package io.switchboard.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.Unregister;
import io.switchboard.protocol.message.Unwatch;
import io.switchboard.protocol.message.Watch;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-connection caps over a real socket: registry entries, watches and calls in flight. One more is refused with
 * {@code busy} at once, saying which option, and nothing changed; once some are gone, more are admitted.
 */
class ConnectionCapsTest {

    private SwitchboardServer server;

    @BeforeEach
    void start() {
        server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .maxRegistrationsPerConnection(3)
                .maxWatchesPerConnection(2)
                .maxInflightCallsPerConnection(2)
                .build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registrationsOverTheCapAreRefusedBusyUntilSomeAreGone() throws Exception {
        try (TestPeer peer = TestPeer.binary(server.tcpPort());
                TestPeer other = TestPeer.binary(server.tcpPort())) {
            peer.hello("cbor");
            other.hello("json");
            Registered bound = register(peer, 1, null);
            register(peer, 2, 60_000L);
            Registered ttl = register(peer, 3, 60_000L);

            peer.send(new Register(4, "svc", List.of("tcp://h:1"), null, 60_000L, null));
            ErrorMessage refused = peer.expect(ErrorMessage.class);
            assertThat(refused.req()).isEqualTo(4);
            assertThat(refused.code()).isEqualTo(ErrorCode.BUSY);
            assertThat(refused.message()).contains("max-registrations-per-connection");

            // Renewing an entry is no new entry: allowed at the cap.
            peer.send(new Register(5, "svc", List.of("tcp://h:2"), null, 60_000L, ttl.instance()));
            assertThat(peer.expect(Registered.class).req()).isEqualTo(5);
            // Another connection has its own count.
            assertThat(register(other, 6, null).req()).isEqualTo(6);

            // A TTL entry removed (from any connection) and a bound one removed free two places.
            other.send(new Unregister(7, "svc", ttl.instance()));
            other.expect(Ack.class);
            peer.send(new Unregister(8, "svc", bound.instance()));
            peer.expect(Ack.class);
            register(peer, 9, null);
            register(peer, 10, 60_000L);
            peer.send(new Register(11, "svc", List.of("tcp://h:1"), null, null, null));
            assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.BUSY);
        }
    }

    @Test
    void watchesOverTheCapAreRefusedBusyAndWatchingAgainIsAllowed() throws Exception {
        try (TestPeer peer = TestPeer.text(server.tcpPort())) {
            peer.writeLine("{\"type\":\"hello\",\"version\":1}");
            peer.next();
            peer.send(new Watch(1, "a"));
            peer.expect(Entries.class);
            peer.send(new Watch(2, "b"));
            peer.expect(Entries.class);
            peer.send(new Watch(3, "c"));
            ErrorMessage refused = peer.expect(ErrorMessage.class);
            assertThat(refused.req()).isEqualTo(3);
            assertThat(refused.code()).isEqualTo(ErrorCode.BUSY);
            assertThat(refused.message()).contains("max-watches-per-connection");
            peer.send(new Watch(4, "a"));
            assertThat(peer.expect(Entries.class).req()).isEqualTo(4);
            peer.send(new Unwatch(5, "b"));
            peer.expect(Ack.class);
            peer.send(new Watch(6, "c"));
            assertThat(peer.expect(Entries.class).req()).isEqualTo(6);
        }
    }

    @Test
    void callsInFlightOverTheCapAreAnsweredBusyAndTheIdSetStaysBounded() throws Exception {
        try (TestPeer publisher = TestPeer.binary(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            publisher.hello("json");
            publisher.send(new Publish(1, "slow", List.of("run"), null, null));
            publisher.expect(Ack.class);
            caller.hello("json");
            caller.send(new Deliver(1, "slow", "run", 30_000, json("1")));
            caller.send(new Deliver(2, "slow", "run", 30_000, json("2")));
            Deliver first = publisher.expect(Deliver.class);
            publisher.expect(Deliver.class);
            caller.send(new Deliver(3, "slow", "run", 30_000, json("3")));
            Result busy = caller.expect(Result.class);
            assertThat(busy.id()).isEqualTo(3);
            assertThat(busy.code()).isEqualTo(ResultCode.BUSY);
            assertThat(busy.message()).contains("max-inflight-calls-per-connection");
            // A duplicate id is still bad-request, and does not disturb the call in flight.
            caller.send(new Deliver(1, "slow", "run", 30_000, json("1")));
            assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.BAD_REQUEST);

            publisher.send(Result.ok(first.id(), json("\"ok\"")));
            Result answered = caller.expect(Result.class);
            assertThat(answered.id()).isEqualTo(1);
            assertThat(answered.code()).isEqualTo(ResultCode.OK);
            caller.send(new Deliver(3, "slow", "run", 30_000, json("3")));
            assertThat(publisher.expect(Deliver.class).payload()).isEqualTo(json("3"));
        }
    }

    @Test
    void ttlEntriesLeftByClosedConnectionsCountAgainstTheServerWideCap() throws Exception {
        // The server registers its own endpoint under its name: the cap counts it, leaving room for two entries.
        try (SwitchboardServer capped = SwitchboardServer.start(
                ServerConfig.builder().port(0).maxRegistryEntries(3).build())) {
            Registered left;
            try (TestPeer first = TestPeer.binary(capped.tcpPort())) {
                first.hello("cbor");
                left = register(first, 1, 600_000L);
                register(first, 2, 600_000L);
            }
            try (TestPeer next = TestPeer.binary(capped.tcpPort())) {
                next.hello("cbor");
                next.send(new Register(3, "svc", List.of("tcp://h:1"), null, 600_000L, null));
                ErrorMessage refused = next.expect(ErrorMessage.class);
                assertThat(refused.req()).isEqualTo(3);
                assertThat(refused.code()).isEqualTo(ErrorCode.BUSY);
                assertThat(refused.message()).contains("max-registry-entries");
                // Renewing an entry that is there is no new entry: allowed at the cap.
                next.send(new Register(4, "svc", List.of("tcp://h:2"), null, 600_000L, left.instance()));
                assertThat(next.expect(Registered.class).req()).isEqualTo(4);
                // One gone, one admitted.
                next.send(new Unregister(5, "svc", left.instance()));
                next.expect(Ack.class);
                register(next, 6, null);
            }
        }
    }

    private static Registered register(TestPeer peer, long req, Long ttlMs) {
        try {
            peer.send(new Register(req, "svc", List.of("tcp://h:1"), null, ttlMs, null));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        Registered registered = peer.expect(Registered.class);
        assertThat(registered.req()).isEqualTo(req);
        return registered;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
