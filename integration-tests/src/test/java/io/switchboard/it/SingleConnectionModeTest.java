package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.ClientResources;
import io.switchboard.client.ConnectionListener;
import io.switchboard.client.NotConnectedException;
import io.switchboard.client.ServerUrl;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.server.SwitchboardServer;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a connection pool needs from the client: one physical connection that never reconnects behind the
 * pool's back, tells when it is lost or the server announces shutdown, and shares threads with its siblings.
 */
class SingleConnectionModeTest {

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        handlers.shutdownNow();
    }

    private final ConnectionListener recorder = new ConnectionListener() {
        @Override
        public void connected(ServerUrl url) {
            events.add("connected");
        }

        @Override
        public void lost(ServerUrl url, Throwable cause) {
            events.add("lost");
        }

        @Override
        public void shutdownAnnounced(ServerUrl url, long graceMs) {
            events.add("shutdown " + graceMs);
        }
    };

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void withoutReconnectConnectTriesEachUrlOnceAndReportsTheLastError() throws Exception {
        String dead1 = "tcp://127.0.0.1:" + freePort();
        String dead2 = "tcp://127.0.0.1:" + freePort();
        var options = Fixtures.clientOptions(dead1, Codec.JSON)
                .url(dead2)
                .connectTimeout(Duration.ofMinutes(5))
                .reconnect(false)
                .build();

        // With reconnecting on this would retry for five minutes; off, it gives up after one round.
        assertThatThrownBy(() -> SwitchboardClient.connect(options))
                .isInstanceOf(NotConnectedException.class)
                .hasRootCauseInstanceOf(ConnectException.class);
    }

    @Test
    void withoutReconnectALostConnectionStaysLostAndTheListenerHearsOfIt() throws Exception {
        int port = freePort();
        SwitchboardServer server =
                SwitchboardServer.start(Fixtures.serverConfig().port(port).build());
        SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
        SwitchboardClient pooled = null;
        SwitchboardServer restarted = null;
        try {
            publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
            pooled = SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.CBOR)
                    .reconnect(false)
                    .connectionListener(recorder)
                    .build());
            assertThat(pooled.call("calc", "add", new Pair(1, 2), Sum.class)).isEqualTo(new Sum(3));
            assertThat(events).containsExactly("connected");

            server.shutdown().get();
            Fixtures.await("the listener hears the connection is lost", () -> events.contains("lost"));
            assertThat(events).containsExactly("connected", "shutdown 2000", "lost");
            assertThat(pooled.isConnected()).isFalse();

            restarted =
                    SwitchboardServer.start(Fixtures.serverConfig().port(port).build());
            SwitchboardClient lost = pooled;
            assertThatThrownBy(() -> lost.call("calc", "add", new Pair(1, 2), Sum.class))
                    .isInstanceOf(NotConnectedException.class)
                    .hasMessageContaining("reconnecting is off");
            assertThatThrownBy(() -> lost.ping(Duration.ofSeconds(1))).isInstanceOf(NotConnectedException.class);
            assertThat(pooled.isConnected()).isFalse();
        } finally {
            Fixtures.closeAll(pooled, publisher, restarted, server);
        }
    }

    @Test
    void clientsShareResourcesAndClosingOneLeavesTheOthersRunning() throws Exception {
        SwitchboardServer server =
                SwitchboardServer.start(Fixtures.serverConfig().build());
        ClientResources shared = ClientResources.create(2, "it-shared");
        SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
        try {
            publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
            SwitchboardClient first =
                    SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.CBOR)
                            .resources(shared)
                            .build());
            SwitchboardClient second =
                    SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.JSON)
                            .resources(shared)
                            .build());
            assertThat(first.ping(Duration.ofSeconds(5))).isPositive();

            first.close();
            assertThat(second.call("calc", "add", new Pair(20, 22), Sum.class)).isEqualTo(new Sum(42));
            assertThat(shared.isClosed()).isFalse();

            second.close();
            shared.close();
            assertThatThrownBy(
                            () -> SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.CBOR)
                                    .resources(shared)
                                    .build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        } finally {
            Fixtures.closeAll(publisher, server);
            shared.close();
        }
    }
}
