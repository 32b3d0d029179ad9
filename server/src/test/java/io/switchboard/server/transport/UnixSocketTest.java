package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.ServerStartException;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.TestPeer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketTest {

    @TempDir
    Path dir;

    private ServerConfig config(Path socket) {
        return ServerConfig.builder().port(0).unixSocket(socket).build();
    }

    @Test
    void servesOverTheSocketAndRemovesItAtShutdown() throws Exception {
        Path socket = dir.resolve("sb.sock");
        SwitchboardServer server = SwitchboardServer.start(config(socket));
        try (TestPeer peer = TestPeer.binary(socket)) {
            assertThat(server.unixSocketPath()).contains(socket);
            peer.hello("cbor");
            peer.send(new ListSessions(3));
            assertThat(peer.expect(Listing.class).req()).isEqualTo(3);
        } finally {
            server.close();
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void replacesAStaleSocketFile() throws Exception {
        Path socket = dir.resolve("stale.sock");
        // A socket file nobody listens on, as a crashed server leaves it.
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        try (SwitchboardServer server = SwitchboardServer.start(config(socket));
                TestPeer peer = TestPeer.binary(socket)) {
            assertThat(peer.hello().server()).isEqualTo(server.config().name());
        }
    }

    @Test
    void refusesARegularFileAndLeavesItAlone() throws Exception {
        Path file = dir.resolve("precious.txt");
        Files.writeString(file, "keep me");
        assertThatThrownBy(() -> SwitchboardServer.start(config(file)))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("not a socket");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void refusesADirectory() {
        assertThatThrownBy(() -> SwitchboardServer.start(config(dir)))
                .isInstanceOf(ServerStartException.class)
                .hasMessageContaining("not a socket");
        assertThat(dir).isDirectory();
    }

    @Test
    void refusesToStealALiveServersSocket() throws Exception {
        Path socket = dir.resolve("live.sock");
        try (SwitchboardServer first = SwitchboardServer.start(config(socket))) {
            assertThatThrownBy(() -> SwitchboardServer.start(config(socket)))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining("another server is listening on");
            // The first server's socket survived the failed start.
            try (TestPeer peer = TestPeer.binary(socket)) {
                peer.hello();
                Awaits.until(
                        "the first server counts the connection",
                        () -> first.stats().connections() == 1);
            }
        }
    }
}
