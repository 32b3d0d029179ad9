package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.SwitchboardClient;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.server.SwitchboardServer;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NIO fallback (used where epoll is not available) works over TCP and unix sockets too. */
class NioTransportTest {

    @TempDir
    Path dir;

    @Test
    void nioClientsCallOverTcpAndUnixSockets() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        System.setProperty("switchboard.client.transport", "nio");
        try (SwitchboardServer server = SwitchboardServer.start(Fixtures.serverConfig()
                        .unixSocket(dir.resolve("nio.sock"))
                        .build());
                SwitchboardClient tcp = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
                SwitchboardClient unix = Fixtures.client(Fixtures.unixUrl(server), Codec.JSON)) {
            tcp.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), pool);
            assertThat(unix.call("calc", "add", new Pair(5, 6), Sum.class)).isEqualTo(new Sum(11));
            assertThat(unix.ping()).isPositive();
        } finally {
            System.clearProperty("switchboard.client.transport");
            pool.shutdownNow();
        }
    }
}
