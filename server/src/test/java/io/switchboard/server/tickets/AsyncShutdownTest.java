package io.switchboard.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Fetch;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.TicketIssued;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.testing.TestPeer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/protocol.md promises for an async call still in flight when the server stops gracefully: its ticket
 * ends {@code shutting-down}, as a synchronous call's RESULT does, and says so after a restart too.
 */
class AsyncShutdownTest {

    @Test
    void aCallStillRunningAtAGracefulShutdownEndsShuttingDown(@TempDir Path dir) throws Exception {
        ServerConfig config = ServerConfig.builder()
                .port(0)
                .shutdownGraceMs(100)
                .store(StoreSettings.sqliteFile(dir))
                .build();
        String ticket;
        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer publisher = TestPeer.binary(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            publisher.hello("json");
            publisher.send(new Publish(1, "slow", List.of("run"), null, null));
            assertThat(publisher.expect(Ack.class).req()).isEqualTo(1);
            caller.hello("json");
            caller.send(new Deliver(5, "slow", "run", 60_000, CallMeta.NONE, new byte[0], true));
            ticket = caller.await(TicketIssued.class).ticket();
            publisher.await(Deliver.class); // and never answered

            server.close();
        }
        try (SwitchboardServer restarted = SwitchboardServer.start(config);
                TestPeer fetcher = TestPeer.binary(restarted.tcpPort())) {
            fetcher.hello("json");
            fetcher.send(new Fetch(9, 0, ticket));
            Result outcome = fetcher.expect(Result.class);
            assertThat(outcome.id()).isEqualTo(9);
            assertThat(outcome.code()).isEqualTo(ResultCode.SHUTTING_DOWN);
            assertThat(outcome.message()).isEqualTo("the server shut down before the call finished");
        }
    }
}
