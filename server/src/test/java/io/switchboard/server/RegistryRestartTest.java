package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Refresh;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.protocol.message.Unregister;
import io.switchboard.protocol.message.Watch;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
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
    void ttlEntriesSurviveARestartAndConnectionBoundOnesDoNot(String kind, Function<Path, StoreSettings> settings,
                                                              @TempDir Path dir) throws Exception {
        ServerConfig config = ServerConfig.builder().port(0).store(settings.apply(dir)).build();
        Registered daemon;
        Registered later;
        long laterSent;
        long goneExpiresAt;
        try (SwitchboardServer server = SwitchboardServer.start(config);
             TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("cbor");
            peer.send(new Register(1, "daemon", List.of("unix:///run/d.sock", "tcp://h:1"), Map.of("pid", "42"),
                    600_000L, null));
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
            assertThat(resolve(peer, "daemon")).containsExactly(new Entries.Entry(daemon.id(),
                    List.of("unix:///run/d.sock", "tcp://h:1"), Map.of("pid", "42"), 600_000L));
            assertThat(resolve(peer, "bound")).isEmpty();
            assertThat(resolve(peer, "gone")).isEmpty();

            // The restarted server's timer expires "later" at its stored time, and watchers are told.
            peer.send(new Watch(10, "later"));
            assertThat(peer.expect(Entries.class).entries()).extracting(Entries.Entry::id).containsExactly(later.id());
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
            assertThat(resolve(peer, "daemon")).as("unregistered before the restart").isEmpty();
        }
    }

    private static List<Entries.Entry> resolve(TestPeer peer, String name) throws Exception {
        peer.send(new Resolve(100, name));
        Entries entries = peer.expect(Entries.class);
        assertThat(entries.req()).isEqualTo(100);
        return entries.entries();
    }
}
