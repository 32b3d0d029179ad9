package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.ServerUrl;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code registry://} over a cluster (docs/cluster.md, "The registry across nodes"): every node registers itself under
 * the alias the nodes share, and the registry is shared, so {@code registry://nodeA/shared} resolves to all three
 * nodes. A client on that URL connects to node A and, when A stops, to another node: the registry it asked is gone
 * with A, so it tries the endpoints A resolved to last, A's own last.
 */
class ClusterRegistryFailoverTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();

    @AfterEach
    void stop() {
        for (int i = closeAtEnd.size() - 1; i >= 0; i--) {
            Fixtures.closeAll(closeAtEnd.get(i));
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aClientOnRegistryOfOneNodeMovesToAnotherWhenThatNodeStops() throws Exception {
        StoreSettings store = TestStores.POSTGRES.fresh(dir);
        List<Integer> ports = freePorts(3);
        List<String> peers = ports.stream().map(p -> "127.0.0.1:" + p).toList();
        String cluster = "registry-failover-" + ProcessHandle.current().pid();
        List<SwitchboardServer> nodes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SwitchboardServer node = SwitchboardServer.start(Fixtures.serverConfig()
                    .name("node-" + (char) ('a' + i))
                    .aliases(List.of("shared"))
                    .store(store)
                    .shutdownGraceMs(0)
                    .clusterName(cluster)
                    .clusterHost("127.0.0.1")
                    .clusterDiscovery("static")
                    .clusterPort(ports.get(i))
                    .clusterLinkPort(0)
                    .clusterPeers(peers)
                    .build());
            nodes.add(node);
            closeAtEnd.add(node);
        }
        SwitchboardServer a = nodes.get(0);
        Fixtures.await(
                "three members",
                () -> nodes.stream()
                        .allMatch(n -> n.cluster().orElseThrow().members().size() == 3));
        SwitchboardClient asker = SwitchboardClient.connect(Fixtures.tcpUrl(a));
        closeAtEnd.add(asker);
        Fixtures.await(
                "a resolves 'shared' to every node",
                () -> asker.registry().resolve("shared").size() == 3);
        asker.close();

        SwitchboardClient byName = SwitchboardClient.connect(
                Fixtures.clientOptions("registry://127.0.0.1:" + a.tcpPort() + "/shared", Codec.JSON)
                        .build());
        closeAtEnd.add(byName);
        // A's own entry is the oldest on A: the client connects to A itself.
        assertThat(byName.connectedUrl()).contains(ServerUrl.parse(Fixtures.tcpUrl(a)));

        a.close();
        List<Optional<ServerUrl>> others = nodes.subList(1, 3).stream()
                .map(n -> Optional.of(ServerUrl.parse(Fixtures.tcpUrl(n))))
                .toList();
        Fixtures.await(
                "connected to another node", () -> byName.isConnected() && others.contains(byName.connectedUrl()));
        assertThat(byName.list()).isNotNull(); // the new node answers
    }
}
