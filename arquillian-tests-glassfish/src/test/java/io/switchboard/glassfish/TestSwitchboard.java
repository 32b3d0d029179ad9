package io.switchboard.glassfish;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.ServerStats;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.testsupport.EchoPublisher;
import io.switchboard.testsupport.ListenPorts;
import io.switchboard.testsupport.Poll;

/**
 * The real Switchboard server the adapter in GlassFish talks to, plus the {@link EchoPublisher}, in the test JVM and
 * shared by every test class (started on first use, stopped when the JVM ends). Its port is chosen before the first
 * start (the connector pool is configured with it) and kept across {@link #restart()}.
 */
final class TestSwitchboard {

    private static TestSwitchboard instance;

    private final ServerConfig config;
    private final EchoPublisher publisher;
    private SwitchboardServer server;

    private TestSwitchboard() {
        config = ServerConfig.builder()
                .name("arquillian-tests-glassfish")
                .port(ListenPorts.free())
                .ioThreads(2)
                // A stop in the restart test should not linger: in-flight calls get a short grace.
                .shutdownGraceMs(500)
                .build();
        server = SwitchboardServer.start(config);
        publisher = new EchoPublisher(tcpUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "test-switchboard-stop"));
    }

    static synchronized TestSwitchboard get() {
        if (instance == null) {
            instance = new TestSwitchboard();
        }
        return instance;
    }

    String tcpUrl() {
        return "tcp://127.0.0.1:" + config.port();
    }

    EchoPublisher publisher() {
        return publisher;
    }

    synchronized ServerStats stats() {
        if (server == null) {
            throw new IllegalStateException("the Switchboard server is stopped");
        }
        return server.stats();
    }

    /** Connections the server sees besides the echo publisher's: the adapter's pooled connections. */
    int adapterConnections() {
        return stats().connections() - (publisher.isConnected() ? 1 : 0);
    }

    /** Graceful stop (SHUTDOWN to every client, short grace), waiting until it is done. */
    synchronized void stop() {
        if (server != null) {
            server.closeFor("test stops the server");
            server = null;
        }
    }

    synchronized void start() {
        if (server == null) {
            server = SwitchboardServer.start(config);
        }
    }

    /** Stop, start on the same port, and wait until the echo session is published again. */
    void restart() {
        stop();
        start();
        Poll.until("the echo publisher is connected and has published again", publisher::isPublished);
    }

    private synchronized void stopAll() {
        publisher.close();
        stop();
    }
}
