package io.switchboard.it;

import io.switchboard.server.SwitchboardServer;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A cluster node in its own JVM, so a test can kill it with SIGKILL. Arguments: the store ({@code postgres
 * JDBC_URL}), the node's name, the cluster's name, its cluster port and every member's ({@code host:port,...},
 * static discovery); prints {@code READY port}.
 */
public final class ClusterNodeMain {

    private ClusterNodeMain() {}

    public static void main(String[] args) throws Exception {
        SwitchboardServer server = SwitchboardServer.start(Fixtures.serverConfig()
                .store(TestStores.fromArgs(args[0], args[1]))
                .name(args[2])
                .clusterName(args[3])
                .clusterHost("127.0.0.1")
                .clusterDiscovery("static")
                .clusterPort(Integer.parseInt(args[4]))
                .clusterLinkPort(0)
                .clusterPeers(List.of(args[5].split(",")))
                .build());
        System.out.println("READY " + server.tcpPort());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
