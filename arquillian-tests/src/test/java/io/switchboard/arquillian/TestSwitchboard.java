package io.switchboard.arquillian;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.ServerStats;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import io.switchboard.server.frontdoor.FrontDoorStats;
import io.switchboard.testsupport.EchoPublisher;
import io.switchboard.testsupport.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real Switchboard server the adapter in WildFly talks to, plus the {@link EchoPublisher}, both in the test JVM
 * and shared by every test class (started on first use, stopped when the JVM ends). The TCP port is picked once at
 * the first start and kept, and so is the unix socket, so {@link #restart()} brings the server back where the
 * pooled connections expect it.
 */
final class TestSwitchboard {

    private static TestSwitchboard instance;

    static final String CHAT_ALIAS = "chat";
    /** The names of the chat room's two front doors. */
    static final String CHAT_TCP_DOOR = "chat-tcp";

    static final String CHAT_WEB_DOOR = "chat-web";

    private final Path socketDir;
    private final int chatTcpPort;
    private final int chatWebSocketPort;
    private ServerConfig config;
    private SwitchboardServer server;
    private EchoPublisher publisher;

    private TestSwitchboard() {
        try {
            socketDir = Files.createTempDirectory("sb-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chatTcpPort = freePort();
        chatWebSocketPort = freePort();
        ServerConfig firstStart = ServerConfig.builder()
                .name("arquillian-tests")
                .port(0)
                // The sample's chat room (ChatBean, alias chat) behind a tcp and a websocket front door.
                .frontDoors(List.of(
                        FrontDoorConfig.builder(FrontDoorProtocol.TCP, chatTcpPort, CHAT_ALIAS)
                                .name(CHAT_TCP_DOOR)
                                .host("127.0.0.1")
                                .build(),
                        FrontDoorConfig.builder(FrontDoorProtocol.WEBSOCKET, chatWebSocketPort, CHAT_ALIAS)
                                .name(CHAT_WEB_DOOR)
                                .host("127.0.0.1")
                                .path("/chat")
                                .build()))
                .unixSocket(socketDir.resolve("switchboard.sock"))
                .ioThreads(2)
                // A stop in the restart test should not linger: in-flight calls get a short grace.
                .shutdownGraceMs(500)
                .build();
        server = SwitchboardServer.start(firstStart);
        config = firstStart.toBuilder().port(server.tcpPort()).build();
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

    int port() {
        return config.port();
    }

    /** The tcp front door of the sample's chat room. */
    int chatTcpPort() {
        return chatTcpPort;
    }

    /** The websocket front door of the sample's chat room. */
    URI chatWebSocketUri() {
        return URI.create("ws://127.0.0.1:" + chatWebSocketPort + "/chat");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String unixUrl() {
        return "unix://" + config.unixSocket().orElseThrow().toAbsolutePath();
    }

    EchoPublisher publisher() {
        return publisher;
    }

    synchronized boolean isRunning() {
        return server != null;
    }

    /** The server's own view: established connections, in-flight deliveries, ... */
    synchronized ServerStats stats() {
        if (server == null) {
            throw new IllegalStateException("the Switchboard server is stopped");
        }
        return server.stats();
    }

    /** A front door's view: open lines, handler instances, buffered events, deliveries, ... */
    synchronized FrontDoorStats frontDoorStats(String name) {
        if (server == null) {
            throw new IllegalStateException("the Switchboard server is stopped");
        }
        return server.frontDoorStats(name);
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

    /** Starts again on the same port and unix socket. */
    synchronized void start() {
        if (server == null) {
            server = SwitchboardServer.start(config);
        }
    }

    /** Stop, start, and wait until the echo session is published again. */
    void restart() {
        stop();
        start();
        awaitPublished();
    }

    void awaitPublished() {
        Poll.until("the echo publisher is connected and has published again", publisher::isPublished);
    }

    private synchronized void stopAll() {
        publisher.close();
        stop();
    }
}
