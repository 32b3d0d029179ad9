package io.switchboard.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Refresh;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.protocol.message.Unregister;
import io.switchboard.protocol.message.Watch;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.TestPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** TTL entries are stored: they survive a server restart (SQLite file and PostgreSQL) and still expire on time. */
class RegistryRestartTest {

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("sqlite", (Function<Path, StoreSettings>) StoreSettings::sqliteFile),
                Arguments.of("postgresql", (Function<Path, StoreSettings>) dir -> TestPostgres.freshDatabase()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void ttlEntriesSurviveARestartAndConnectionBoundOnesDoNot(
            String kind, Function<Path, StoreSettings> settings, @TempDir Path dir) throws Exception {
        ServerConfig config =
                ServerConfig.builder().port(0).store(settings.apply(dir)).build();
        Registered daemon;
        Registered later;
        long laterSent;
        long goneExpiresAt;
        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("cbor");
            peer.send(new Register(
                    1, "daemon", List.of("unix:///run/d.sock", "tcp://h:1"), Map.of("pid", "42"), 600_000L, null));
            daemon = peer.expect(Registered.class);
            laterSent = System.nanoTime();
            peer.send(new Register(2, "later", List.of("tcp://h:2"), null, 4_000L, null));
            later = peer.expect(Registered.class);
            peer.send(new Register(3, "bound", List.of("tcp://h:3"), null, null, null));
            peer.expect(Registered.class);
            goneExpiresAt = System.currentTimeMillis() + 300;
            peer.send(new Register(4, "gone", List.of("tcp://h:4"), null, 300L, null));
            peer.expect(Registered.class);
        }
        // "gone" expires while no server runs.
        while (System.currentTimeMillis() <= goneExpiresAt) {
            Thread.sleep(20);
        }

        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("json");
            assertThat(resolve(peer, "daemon"))
                    .containsExactly(new Entries.Entry(
                            daemon.id(), List.of("unix:///run/d.sock", "tcp://h:1"), Map.of("pid", "42"), 600_000L));
            assertThat(resolve(peer, "bound")).isEmpty();
            assertThat(resolve(peer, "gone")).isEmpty();

            // The restarted server's timer expires "later" at its stored time, and watchers are told.
            peer.send(new Watch(10, "later"));
            assertThat(peer.expect(Entries.class).entries())
                    .extracting(Entries.Entry::id)
                    .containsExactly(later.id());
            assertThat(peer.expect(Entries.class).entries()).isEmpty();
            assertThat((System.nanoTime() - laterSent) / 1_000_000).isGreaterThanOrEqualTo(4_000L);

            // The instance id still works: refresh, then unregister.
            peer.send(new Refresh(11, daemon.instance()));
            assertThat(peer.expect(Ack.class).req()).isEqualTo(11);
            peer.send(new Unregister(12, "daemon", daemon.instance()));
            assertThat(peer.expect(Ack.class).req()).isEqualTo(12);
        }

        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("cbor");
            assertThat(resolve(peer, "daemon"))
                    .as("unregistered before the restart")
                    .isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void refreshesRenewalsAndUnregistersAreStoredAndTouchOnlyTheirOwnInstance(
            String kind, Function<Path, StoreSettings> settings, @TempDir Path dir) throws Exception {
        ServerConfig config =
                ServerConfig.builder().port(0).store(settings.apply(dir)).build();
        long ttlMs = 4_000;
        long registered;
        long changed;
        Registered refreshed;
        Registered renewed;
        Registered kept;
        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("cbor");
            registered = System.nanoTime();
            peer.send(new Register(1, "pool", List.of("tcp://h:1"), null, ttlMs, null));
            refreshed = peer.expect(Registered.class);
            peer.send(new Register(2, "pool", List.of("tcp://h:2"), null, ttlMs, null));
            renewed = peer.expect(Registered.class);
            peer.send(new Register(3, "pool", List.of("tcp://h:3"), null, 600_000L, null));
            kept = peer.expect(Registered.class);
            peer.send(new Register(4, "pool", List.of("tcp://h:4"), null, 600_000L, null));
            Registered dropped = peer.expect(Registered.class);

            // Halfway through their TTL: one is refreshed, one renewed with new endpoints, one unregistered.
            sleepUntil(registered + ttlMs / 2 * 1_000_000);
            changed = System.nanoTime();
            peer.send(new Refresh(5, refreshed.instance()));
            assertThat(peer.expect(Ack.class).req()).isEqualTo(5);
            peer.send(new Register(6, "pool", List.of("tcp://h:22"), Map.of("v", "2"), ttlMs, renewed.instance()));
            assertThat(peer.expect(Registered.class).id()).isEqualTo(renewed.id());
            peer.send(new Unregister(7, "pool", dropped.instance()));
            assertThat(peer.expect(Ack.class).req()).isEqualTo(7);
        }

        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("json");
            // Past the expiry they were registered with: only the stored refresh and renewal keep them.
            sleepUntil(registered + (ttlMs + 200) * 1_000_000);
            // In registration order, oldest first, as before the restart (refreshes and renewals keep the place).
            assertThat(resolve(peer, "pool"))
                    .containsExactly(
                            new Entries.Entry(refreshed.id(), List.of("tcp://h:1"), Map.of(), ttlMs),
                            new Entries.Entry(renewed.id(), List.of("tcp://h:22"), Map.of("v", "2"), ttlMs),
                            new Entries.Entry(kept.id(), List.of("tcp://h:3"), Map.of(), 600_000L));

            // They expire a TTL after their refresh and renewal; the untouched instance stays.
            peer.send(new Watch(10, "pool"));
            List<Entries.Entry> now = peer.expect(Entries.class).entries();
            while (now.size() > 1) {
                now = peer.expect(Entries.class).entries();
            }
            assertThat((System.nanoTime() - changed) / 1_000_000).isGreaterThanOrEqualTo(ttlMs);
            assertThat(now).extracting(Entries.Entry::id).containsExactly(kept.id());
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    private static List<Entries.Entry> resolve(TestPeer peer, String name) throws Exception {
        peer.send(new Resolve(100, name));
        Entries entries = peer.expect(Entries.class);
        assertThat(entries.req()).isEqualTo(100);
        return entries.entries();
    }
}
