package io.switchboard.benchmarks;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import java.util.concurrent.CountDownLatch;

/**
 * Runs in the server JVM when the server module has no command-line {@code Main} of its own: starts a
 * {@link SwitchboardServer} with default settings on loopback and the given port, and keeps it up until the
 * harness stops the process.
 */
public final class ServerLauncher {

    private ServerLauncher() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: ServerLauncher <port>");
            System.exit(2);
        }
        ServerConfig config = ServerConfig.builder()
                .host(ExternalProcess.LOOPBACK)
                .port(Integer.parseInt(args[0]))
                .build();
        SwitchboardServer server = SwitchboardServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "server-stop"));
        System.out.println("switchboard server listening on " + ExternalProcess.LOOPBACK + ":" + server.tcpPort());
        new CountDownLatch(1).await(); // until the harness destroys this process
    }
}
