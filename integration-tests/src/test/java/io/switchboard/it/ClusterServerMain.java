package io.switchboard.it;

import io.switchboard.server.SwitchboardServer;
import java.util.concurrent.CountDownLatch;

/**
 * A cluster node in its own JVM, so a test can kill it with SIGKILL. Arguments: the PostgreSQL JDBC URL, the node's
 * name, the cluster's name (discovery through the store, a free cluster port); prints {@code READY port}.
 */
public final class ClusterServerMain {

    private ClusterServerMain() {}

    public static void main(String[] args) throws Exception {
        SwitchboardServer server = SwitchboardServer.start(Fixtures.serverConfig()
                .store(TestStores.fromArgs("postgres", args[0]))
                .name(args[1])
                .clusterName(args[2])
                .clusterHost("127.0.0.1")
                .clusterPort(0)
                .build());
        System.out.println("READY " + server.tcpPort());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
