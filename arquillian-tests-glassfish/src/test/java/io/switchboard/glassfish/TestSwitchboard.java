package io.switchboard.glassfish;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.ServerStats;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import io.switchboard.testsupport.ChaosProxy;
import io.switchboard.testsupport.EchoPublisher;
import io.switchboard.testsupport.ListenPorts;
import io.switchboard.testsupport.Poll;
import java.util.List;

/**
 * The real Switchboard server the adapter in GlassFish talks to, plus the {@link EchoPublisher}, in the test JVM and
 * shared by every test class (started on first use, stopped when the JVM ends). Its ports are chosen before the first
 * start (the domain is configured with them) and kept across {@link #restart()}.
 *
 * <p>The connector pool reaches the server through a {@link ChaosProxy}, so a test can make a pooled connection dead
 * but silent; the message-driven beans connect directly. The sample's chat room has a tcp front door.
 */
final class TestSwitchboard {

    private static TestSwitchboard instance;

    static final String CHAT_ALIAS = "chat";

    private final ServerConfig config;
    private final int chatTcpPort;
    private final ChaosProxy poolProxy;
    private final EchoPublisher publisher;
    private SwitchboardServer server;

    private TestSwitchboard() {
        List<Integer> ports = ListenPorts.free(2);
        chatTcpPort = ports.get(1);
        config = ServerConfig.builder()
                .name("arquillian-tests-glassfish")
                .port(ports.get(0))
                .frontDoors(List.of(FrontDoorConfig.builder(FrontDoorProtocol.TCP, chatTcpPort, CHAT_ALIAS)
                        .name("chat-tcp")
                        .host("127.0.0.1")
                        .build()))
                .ioThreads(2)
                // A stop in the restart test should not linger: in-flight calls get a short grace.
                .shutdownGraceMs(500)
                .build();
        server = SwitchboardServer.start(config);
        publisher = new EchoPublisher(tcpUrl());
        poolProxy = new ChaosProxy(config.port());
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

    /** What the connector pool's serverUrls names: the proxy in front of the server. */
    ChaosProxy poolProxy() {
        return poolProxy;
    }

    int chatTcpPort() {
        return chatTcpPort;
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
        poolProxy.close();
        stop();
    }
}
