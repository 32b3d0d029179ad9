package io.switchboard.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Refresh;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.protocol.message.Unregister;
import io.switchboard.protocol.message.Unwatch;
import io.switchboard.protocol.message.Watch;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.TestPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry over real sockets: REGISTER, RESOLVE, WATCH, both lifetimes, bad input, the server's own entry.
 * Run by a subclass per durable store (a SQLite file, PostgreSQL); restarts are in {@link RegistryRestartTest}.
 */
abstract class RegistryTest {

    private static final List<String> INV_ENDPOINTS = List.of("tcp://10.0.0.5:9000", "unix:///run/inv.sock");

    @TempDir
    Path dir;

    /** A new, empty store for one test's server. */
    abstract StoreSettings store(Path dataDir);

    /** A server on an ephemeral port and a store of this test's own. */
    private ServerConfig.Builder config() {
        return ServerConfig.builder().port(0).store(store(dir.resolve("data")));
    }

    @Test
    void registeredEntriesResolveAndWatchersHearEveryChange() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(config().build());
                TestPeer watcher = TestPeer.binary(server.tcpPort());
                TestPeer a = TestPeer.binary(server.tcpPort());
                TestPeer b = TestPeer.text(server.tcpPort())) {
            watcher.hello("cbor");
            a.hello("smile");
            b.hello();
            watcher.send(new Watch(1, "inventory"));
            assertThat(watcher.expect(Entries.class)).isEqualTo(new Entries(1, "inventory", List.of()));

            a.send(new Register(5, "inventory", INV_ENDPOINTS, Map.of("zone", "eu-1"), null, null));
            Registered ra = a.expect(Registered.class);
            assertThat(ra.req()).isEqualTo(5);
            assertThat(ra.instance()).hasSize(22);
            assertThat(ra.id()).isNotEqualTo(ra.instance());
            assertThat(ra.ttlMs()).isNull();
            Entries.Entry entryA = new Entries.Entry(ra.id(), INV_ENDPOINTS, Map.of("zone", "eu-1"), null);
            assertThat(watcher.expect(Entries.class)).isEqualTo(new Entries(0, "inventory", List.of(entryA)));

            // A second registrant of the same name, in text mode: both resolve, oldest first.
            b.writeLine(
                    "{\"type\":\"register\",\"req\":7,\"name\":\"inventory\",\"endpoints\":[\"tcp://10.0.0.6:9000\"]}");
            Registered rb = b.expect(Registered.class);
            assertThat(rb.instance()).isNotEqualTo(ra.instance());
            Entries.Entry entryB = new Entries.Entry(rb.id(), List.of("tcp://10.0.0.6:9000"), Map.of(), null);
            assertThat(watcher.expect(Entries.class).entries()).containsExactly(entryA, entryB);
            b.send(new Resolve(8, "inventory"));
            assertThat(b.expect(Entries.class)).isEqualTo(new Entries(8, "inventory", List.of(entryA, entryB)));

            // UNREGISTER names one instance: a wrong one changes nothing, the right one leaves the other entry alone.
            b.send(new Unregister(9, "inventory", ra.instance() + "x"));
            assertThat(b.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.NOT_FOUND);
            b.send(new Unregister(10, "other-name", ra.instance()));
            assertThat(b.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.NOT_FOUND);
            b.send(new Unregister(11, "inventory", rb.instance()));
            assertThat(b.expect(Ack.class).req()).isEqualTo(11);
            assertThat(watcher.expect(Entries.class).entries()).containsExactly(entryA);

            watcher.send(new Unwatch(12, "inventory"));
            assertThat(watcher.expect(Ack.class).req()).isEqualTo(12);
            watcher.send(new Unwatch(13, "inventory"));
            assertThat(watcher.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void aConnectionBoundEntryGoesTheMomentItsConnectionCloses() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(config().build());
                TestPeer watcher = TestPeer.binary(server.tcpPort());
                TestPeer other = TestPeer.binary(server.tcpPort())) {
            watcher.hello("cbor");
            other.hello("cbor");
            watcher.send(new Watch(1, "svc"));
            watcher.expect(Entries.class);
            other.send(new Register(1, "svc", List.of("tcp://h:2"), null, null, null));
            Registered stays = other.expect(Registered.class);
            assertThat(watcher.expect(Entries.class).entries()).hasSize(1);

            // The leaving connection holds two connection-bound entries and a TTL one.
            TestPeer leaving = TestPeer.binary(server.tcpPort());
            leaving.hello("json");
            leaving.send(new Register(1, "svc", List.of("tcp://h:1"), null, null, null));
            leaving.expect(Registered.class);
            assertThat(watcher.expect(Entries.class).entries()).hasSize(2);
            leaving.send(new Register(2, "svc-admin", List.of("http://h:1/admin"), null, null, null));
            leaving.expect(Registered.class);
            leaving.send(new Register(3, "svc-cron", List.of("tcp://h:1"), null, 600_000L, null));
            Registered ttl = leaving.expect(Registered.class);
            assertThat(resolve(other, "svc-admin")).hasSize(1);
            leaving.close();

            assertThat(watcher.expect(Entries.class).entries())
                    .extracting(Entries.Entry::id)
                    .containsExactly(stays.id());
            // Every connection-bound entry of the closed connection went, and only those.
            assertThat(resolve(other, "svc")).extracting(Entries.Entry::id).containsExactly(stays.id());
            Awaits.until("svc-admin went with its connection", () -> resolvesEmpty(other, "svc-admin"));
            assertThat(resolve(other, "svc-cron")).extracting(Entries.Entry::id).containsExactly(ttl.id());
        }
    }

    @Test
    void aConnectionBoundEntryGoesWhenItsConnectionMissesHeartbeats() throws Exception {
        try (SwitchboardServer server =
                        SwitchboardServer.start(config().minHeartbeatMs(100).build());
                TestPeer watcher = TestPeer.binary(server.tcpPort());
                TestPeer alive = TestPeer.binary(server.tcpPort());
                TestPeer silent = TestPeer.binary(server.tcpPort())) {
            watcher.hello("cbor");
            watcher.send(new Watch(1, "svc"));
            watcher.expect(Entries.class);
            // Same short heartbeat for both; only "alive" answers the server's PINGs.
            alive.helloWith(new Hello(Protocol.VERSION, "alive", List.of("json"), null, 250L));
            alive.send(new Register(1, "svc", List.of("tcp://h:2"), null, null, null));
            Registered answering = alive.expect(Registered.class);
            assertThat(watcher.expect(Entries.class).entries()).hasSize(1);
            silent.answerPings(false);
            silent.helloWith(new Hello(Protocol.VERSION, "mute", List.of("json"), null, 250L));
            silent.send(new Register(1, "svc", List.of("tcp://h:1"), null, null, null));
            silent.expect(Registered.class);
            assertThat(watcher.expect(Entries.class).entries()).hasSize(2);

            assertThat(silent.await(ErrorMessage.class).code()).isEqualTo(ErrorCode.HEARTBEAT_TIMEOUT);
            silent.awaitClosed();
            assertThat(watcher.expect(Entries.class).entries())
                    .extracting(Entries.Entry::id)
                    .containsExactly(answering.id());
            // The connection that answered its PINGs for as long keeps its entry.
            assertThat(resolve(watcher, "svc")).extracting(Entries.Entry::id).containsExactly(answering.id());
        }
    }

    @Test
    void aTtlEntryOutlivesItsConnectionAndExpiresWhenItsTtlPasses() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(config().build());
                TestPeer watcher = TestPeer.binary(server.tcpPort())) {
            watcher.hello("cbor");
            watcher.send(new Watch(1, "cron"));
            watcher.expect(Entries.class);
            long ttlMs = 1_500;
            long sent;
            try (TestPeer registrant = TestPeer.binary(server.tcpPort())) {
                registrant.hello("cbor");
                sent = System.nanoTime();
                registrant.send(new Register(1, "cron", List.of("http://cron:8080/"), null, ttlMs, null));
                assertThat(registrant.expect(Registered.class).ttlMs()).isEqualTo(ttlMs);
            }
            assertThat(watcher.expect(Entries.class).entries())
                    .singleElement()
                    .satisfies(e -> assertThat(e.ttlMs()).isEqualTo(ttlMs));

            // Its connection closed, the entry stays until its TTL passes; then it goes by itself.
            assertThat(watcher.expect(Entries.class).entries()).isEmpty();
            long lived = (System.nanoTime() - sent) / 1_000_000;
            assertThat(lived).isGreaterThanOrEqualTo(ttlMs);
            assertThat(resolve(watcher, "cron")).isEmpty();
        }
    }

    @Test
    void refreshAndReRegisterKeepATtlEntryAliveUnderItsInstanceId() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(config().build());
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("cbor");
            long ttlMs = 600;
            peer.send(new Register(1, "cron", List.of("tcp://h:1"), null, ttlMs, null));
            Registered first = peer.expect(Registered.class);
            // Refreshing every 150 ms for three TTLs: alive all along (a missed refresh would let it expire).
            long until = System.nanoTime() + 3 * ttlMs * 1_000_000;
            long req = 2;
            while (System.nanoTime() < until) {
                peer.send(new Refresh(req, first.instance()));
                assertThat(peer.expect(Ack.class).req()).isEqualTo(req++);
                Thread.sleep(150);
            }
            // A re-REGISTER with the instance id renews it with new endpoints and metadata, same ids.
            long renewed = System.nanoTime();
            peer.send(new Register(100, "cron", List.of("tcp://h:2"), Map.of("v", "2"), ttlMs, first.instance()));
            Registered again = peer.expect(Registered.class);
            assertThat(again.instance()).isEqualTo(first.instance());
            assertThat(again.id()).isEqualTo(first.id());
            peer.send(new Resolve(101, "cron"));
            assertThat(peer.expect(Entries.class).entries())
                    .containsExactly(new Entries.Entry(first.id(), List.of("tcp://h:2"), Map.of("v", "2"), ttlMs));

            // Left alone it expires; then REFRESH says not-found.
            Awaits.until("the entry expired", () -> resolvesEmpty(peer, "cron"));
            assertThat((System.nanoTime() - renewed) / 1_000_000)
                    .as("lived after its renewal")
                    .isGreaterThanOrEqualTo(ttlMs);
            peer.send(new Refresh(102, first.instance()));
            ErrorMessage gone = peer.expect(ErrorMessage.class);
            assertThat(gone.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(gone.req()).isEqualTo(102);
        }
    }

    @Test
    void badRequestsGetClearErrorsAndChangeNothing() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(config().build());
                TestPeer owner = TestPeer.binary(server.tcpPort());
                TestPeer other = TestPeer.binary(server.tcpPort())) {
            owner.hello("cbor");
            other.hello("cbor");
            owner.send(new Register(1, "svc", List.of("tcp://h:1"), null, null, null));
            Registered bound = owner.expect(Registered.class);

            assertRefused(
                    other,
                    new Register(2, "svc", List.of(), null, null, null),
                    ErrorCode.BAD_REQUEST,
                    "at least one endpoint");
            assertRefused(
                    other,
                    new Register(3, "svc", List.of("no scheme here"), null, null, null),
                    ErrorCode.BAD_REQUEST,
                    "not a URL");
            assertRefused(
                    other, new Register(4, "", List.of("tcp://h:1"), null, null, null), ErrorCode.BAD_REQUEST, "name");
            assertRefused(
                    other,
                    new Register(5, "svc", List.of("tcp://h:1"), null, 5L, null),
                    ErrorCode.BAD_REQUEST,
                    "ttl_ms");
            assertRefused(
                    other,
                    new Register(6, "svc", List.of("tcp://h:1"), null, null, bound.instance()),
                    ErrorCode.FORBIDDEN,
                    "another connection");
            assertRefused(
                    owner,
                    new Register(7, "svc", List.of("tcp://h:1"), null, 1000L, bound.instance()),
                    ErrorCode.BAD_REQUEST,
                    "lifetime");
            assertRefused(owner, new Refresh(8, bound.instance()), ErrorCode.BAD_REQUEST, "bound to its connection");
            assertRefused(other, new Refresh(9, "unknown"), ErrorCode.NOT_FOUND, "expired or was unregistered");
            assertRefused(
                    other,
                    new Register(10, "svc", List.of("tcp://h:1"), null, 1000L, "unknown"),
                    ErrorCode.NOT_FOUND,
                    "instance id");
            try (TestPeer text = TestPeer.text(server.tcpPort())) {
                text.hello();
                text.writeLine("{\"type\":\"register\",\"req\":11,\"name\":\"svc\",\"endpoints\":\"tcp://h:1\"}");
                assertThat(text.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.BAD_REQUEST);
                text.writeLine("{\"type\":\"register\",\"req\":12,\"name\":\"svc\",\"endpoints\":[\"tcp://h:1\"],"
                        + "\"metadata\":{\"k\":null}}");
                assertThat(text.expect(ErrorMessage.class).message()).contains("has no value");
            }

            other.send(new Resolve(12, "svc"));
            assertThat(other.expect(Entries.class).entries())
                    .extracting(Entries.Entry::id)
                    .containsExactly(bound.id());
        }
    }

    @Test
    void theServerRegistersItsListenersUnderItsNameAndAliases() throws Exception {
        Path socket = dir.resolve("sb.sock");
        try (SwitchboardServer server = SwitchboardServer.start(config().name("hub")
                        .aliases(List.of("hub-eu"))
                        .unixSocket(socket)
                        .build());
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("cbor");
            List<String> expected = List.of("tcp://127.0.0.1:" + server.tcpPort(), "unix://" + socket.toAbsolutePath());
            for (String name : List.of("hub", "hub-eu")) {
                peer.send(new Resolve(1, name));
                assertThat(peer.expect(Entries.class).entries()).singleElement().satisfies(e -> {
                    assertThat(e.endpoints()).isEqualTo(expected);
                    assertThat(e.metadata()).containsEntry("role", "switchboard");
                    assertThat(e.ttlMs()).isNull();
                });
            }
        }
    }

    private static void assertRefused(
            TestPeer peer, io.switchboard.protocol.message.Message request, ErrorCode code, String says)
            throws Exception {
        peer.send(request);
        ErrorMessage error = peer.expect(ErrorMessage.class);
        assertThat(error.code()).as(error.message()).isEqualTo(code);
        assertThat(error.message()).contains(says);
    }

    private static List<Entries.Entry> resolve(TestPeer peer, String name) throws Exception {
        peer.send(new Resolve(100, name));
        Entries entries = peer.expect(Entries.class);
        assertThat(entries.req()).isEqualTo(100);
        return entries.entries();
    }

    private static boolean resolvesEmpty(TestPeer peer, String name) {
        try {
            peer.send(new Resolve(999, name));
            return peer.expect(Entries.class).entries().isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
