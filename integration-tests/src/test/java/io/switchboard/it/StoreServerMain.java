package io.switchboard.it;

import io.switchboard.server.SwitchboardServer;
import java.util.concurrent.CountDownLatch;

/**
 * A server with a durable store in its own JVM, so a test can kill it with SIGKILL and start another on the same
 * store. Arguments: the store ({@code sqlite DIR} or {@code postgres JDBC_URL}); prints {@code READY port}.
 */
public final class StoreServerMain {

    private StoreServerMain() {}

    public static void main(String[] args) throws Exception {
        SwitchboardServer server = SwitchboardServer.start(Fixtures.serverConfig()
                .store(TestStores.fromArgs(args[0], args[1]))
                .build());
        System.out.println("READY " + server.tcpPort());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
