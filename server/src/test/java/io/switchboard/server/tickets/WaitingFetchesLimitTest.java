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
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code max-waiting-fetches}: one connection's waiting FETCHes are bounded, and a refused one is told why at once. */
class WaitingFetchesLimitTest {

    @Test
    void aFetchOverTheLimitIsAnsweredBusyAtOnceAndTheOthersStillGetTheOutcome() throws Exception {
        try (SwitchboardServer server = SwitchboardServer.start(
                        ServerConfig.builder().port(0).maxWaitingFetches(2).build());
                TestPeer publisher = TestPeer.binary(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            publisher.hello("json");
            publisher.send(new Publish(1, "report", List.of("build"), null, null));
            publisher.expect(Ack.class);
            caller.hello("json");
            caller.send(new Deliver(1, "report", "build", 60_000, CallMeta.NONE, json("1"), true));
            String ticket = caller.expect(TicketIssued.class).ticket();
            Deliver call = publisher.expect(Deliver.class); // and not answered yet

            caller.send(new Fetch(10, 30_000, ticket));
            caller.send(new Fetch(11, 30_000, ticket));
            caller.send(new Fetch(12, 30_000, ticket));
            Result refused = caller.expect(Result.class);
            assertThat(refused.id()).isEqualTo(12);
            assertThat(refused.code()).isEqualTo(ResultCode.BUSY);
            assertThat(refused.message()).contains("2 FETCHes waiting").contains("max-waiting-fetches");

            publisher.send(Result.ok(call.id(), json("\"done\"")));
            // The notification of the DELIVER, and both waiting FETCHes, in some order.
            Set<Long> answered = Stream.of(
                            caller.expect(Result.class), caller.expect(Result.class), caller.expect(Result.class))
                    .peek(r -> assertThat(r.code()).isEqualTo(ResultCode.OK))
                    .map(Result::id)
                    .collect(Collectors.toSet());
            assertThat(answered).containsExactlyInAnyOrder(1L, 10L, 11L);

            // Answered, they no longer count: a new waiting FETCH is admitted (and finds the outcome).
            caller.send(new Fetch(13, 30_000, ticket));
            Result again = caller.expect(Result.class);
            assertThat(again.id()).isEqualTo(13);
            assertThat(again.code()).isEqualTo(ResultCode.OK);
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
