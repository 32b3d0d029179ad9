package io.switchboard.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.testing.TestPeer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * W6: the server's own names (its name and aliases) belong to it in the registry. A client's REGISTER under one is
 * {@code forbidden}; an entry stored under one before it was the server's (here: a 7-day TTL entry under the name a
 * restarted server then takes) is dropped at start, from the store too, so only the server's endpoint is listed.
 */
class ReservedNamesTest {

    private static final long WEEK_MS = 604_800_000L;

    @Test
    void clientsCannotRegisterUnderTheServersNamesAndOldSquattersArePurgedAtStart(@TempDir Path dir) throws Exception {
        StoreSettings store = StoreSettings.sqliteFile(dir);
        try (SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                        .port(0)
                        .name("alpha")
                        .aliases(List.of("alpha-2"))
                        .store(store)
                        .build());
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("json");
            for (String own : List.of("alpha", "alpha-2")) {
                peer.send(new Register(1, own, List.of("tcp://evil:1"), null, WEEK_MS, null));
                ErrorMessage refused = peer.expect(ErrorMessage.class);
                assertThat(refused.req()).isEqualTo(1);
                assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(refused.message()).contains("server's own name");
            }
            // Not the server's name yet: allowed, and stored for a week.
            peer.send(new Register(2, "beta", List.of("tcp://evil:1"), null, WEEK_MS, null));
            peer.expect(Registered.class);
        }

        // Restarted under the name the squatter took, on the same store file.
        try (SwitchboardServer server = SwitchboardServer.start(
                        ServerConfig.builder().port(0).name("beta").store(store).build());
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("cbor");
            peer.send(new Resolve(3, "beta"));
            List<Entries.Entry> entries = peer.expect(Entries.class).entries();
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).endpoints()).containsExactly("tcp://127.0.0.1:" + server.tcpPort());
            assertThat(entries.get(0).metadata()).containsEntry("role", "switchboard");
        }

        // Purged from the store, not only hidden: back under the old name, nothing is left under "beta".
        try (SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                        .port(0)
                        .name("alpha")
                        .store(store)
                        .build());
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("json");
            peer.send(new Resolve(4, "beta"));
            assertThat(peer.expect(Entries.class).entries()).isEmpty();
        }
    }
}
