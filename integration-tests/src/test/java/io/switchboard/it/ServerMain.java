package io.switchboard.it;

import io.switchboard.server.SwitchboardServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** A server in its own JVM, listening on the unix socket {@code args[0]}, so a test can kill it abruptly. */
public final class ServerMain {

    private ServerMain() {}

    public static void main(String[] args) throws Exception {
        SwitchboardServer.start(
                Fixtures.serverConfig().unixSocket(Path.of(args[0])).build());
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
