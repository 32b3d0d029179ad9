package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NIO transport (used where epoll is not) serves TCP and unix sockets alike. */
class NioTransportTest {

    @TempDir
    Path dir;

    @BeforeEach
    void forceNio() {
        System.setProperty(Transport.TRANSPORT_PROPERTY, "nio");
    }

    @AfterEach
    void restore() {
        System.clearProperty(Transport.TRANSPORT_PROPERTY);
    }

    @Test
    void callsFromTcpToAUnixSocketPublisher() throws Exception {
        Path socket = dir.resolve("nio.sock");
        try (SwitchboardServer server = SwitchboardServer.start(
                        ServerConfig.builder().port(0).unixSocket(socket).build());
                TestPeer publisher = TestPeer.binary(socket);
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            publisher.hello("cbor");
            caller.hello("json");
            publisher.send(new Publish(1, "svc", List.of("m"), null, null));
            publisher.expect(Ack.class);
            caller.send(new Deliver(5, "svc", "m", 5_000, "\"x\"".getBytes()));
            Deliver delivered = publisher.expect(Deliver.class);
            publisher.send(Result.ok(delivered.id(), delivered.payload()));
            Result result = caller.expect(Result.class);
            assertThat(result.code()).isEqualTo(ResultCode.OK);
            assertThat(new String(result.payload())).isEqualTo("\"x\"");
        }
        assertThat(socket).doesNotExist();
    }
}
