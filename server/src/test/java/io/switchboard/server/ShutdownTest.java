package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.Shutdown;
import io.switchboard.server.testing.TestPeer;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    @Test
    void drainsAnOutstandingCallAndRefusesNewOnes() throws Exception {
        SwitchboardServer server = SwitchboardServer.start(
                ServerConfig.builder().port(0).shutdownGraceMs(10_000).build());
        try (TestPeer publisher = TestPeer.binary(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            publisher.hello("cbor");
            caller.hello("json");
            publisher.send(new Publish(1, "svc", List.of("m"), null, null));
            publisher.expect(Ack.class);
            caller.send(new Deliver(1, "svc", "m", 20_000, null));
            Deliver held = publisher.expect(Deliver.class);

            CompletableFuture<Void> stopped = server.shutdown();
            Shutdown notice = caller.expect(Shutdown.class);
            assertThat(notice.graceMs()).isEqualTo(10_000);
            assertThat(publisher.expect(Shutdown.class).reason()).isNotBlank();
            assertThat(server.shutdown()).isSameAs(stopped);

            caller.send(new Deliver(2, "svc", "m", 20_000, null));
            Result refused = caller.expect(Result.class);
            assertThat(refused.id()).isEqualTo(2);
            assertThat(refused.code()).isEqualTo(ResultCode.SHUTTING_DOWN);

            caller.send(new Publish(3, "late", List.of("m"), null, null));
            ErrorMessage noNewSessions = caller.expect(ErrorMessage.class);
            assertThat(noNewSessions.req()).isEqualTo(3);
            assertThat(noNewSessions.code()).isEqualTo(ErrorCode.SHUTTING_DOWN);

            publisher.send(Result.ok(held.id(), null));
            Result drained = caller.expect(Result.class);
            assertThat(drained.id()).isEqualTo(1);
            assertThat(drained.code()).isEqualTo(ResultCode.OK);

            stopped.get(10, TimeUnit.SECONDS);
            caller.awaitClosed();
            publisher.awaitClosed();
            assertThatThrownBy(() -> TestPeer.binary(server.tcpPort())).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void answersWhatIsLeftAfterTheGracePeriod() throws Exception {
        SwitchboardServer server = SwitchboardServer.start(
                ServerConfig.builder().port(0).shutdownGraceMs(100).build());
        try (TestPeer publisher = TestPeer.binary(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            publisher.hello("cbor");
            caller.hello("json");
            publisher.send(new Publish(1, "svc", List.of("m"), null, null));
            publisher.expect(Ack.class);
            caller.send(new Deliver(1, "svc", "m", 20_000, null));
            publisher.expect(Deliver.class);
            server.shutdown().get(10, TimeUnit.SECONDS);
            assertThat(caller.await(Result.class).code()).isEqualTo(ResultCode.SHUTTING_DOWN);
        }
    }

    @Test
    void adminTokenIsRequiredToShutTheServerDown() throws Exception {
        SwitchboardServer server = SwitchboardServer.start(
                ServerConfig.builder().port(0).adminToken("s3cret").build());
        try (TestPeer stranger = TestPeer.binary(server.tcpPort());
                TestPeer admin = TestPeer.binary(server.tcpPort())) {
            stranger.helloWith(new Hello(Protocol.VERSION, "x", null, Map.of("token", "guess"), null));
            stranger.send(new Shutdown(0, "please"));
            assertThat(stranger.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(server.isShuttingDown()).isFalse();

            admin.helloWith(new Hello(Protocol.VERSION, "ops", null, Map.of("token", "s3cret"), null));
            admin.send(new Shutdown(0, "maintenance"));
            assertThat(stranger.expect(Shutdown.class).reason()).isEqualTo("maintenance");
            admin.awaitClosed();
            server.shutdown().get(10, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }

    @Test
    void withoutAConfiguredTokenNobodyIsAdmin() throws Exception {
        try (SwitchboardServer server =
                        SwitchboardServer.start(ServerConfig.builder().port(0).build());
                TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.helloWith(new Hello(Protocol.VERSION, "x", null, Map.of("token", ""), null));
            peer.send(new Shutdown(0, "please"));
            assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.FORBIDDEN);
        }
    }
}
