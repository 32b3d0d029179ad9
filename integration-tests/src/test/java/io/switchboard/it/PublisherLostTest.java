package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.client.CallException;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A publisher process killed while it holds a call: the caller hears publisher-lost, not a timeout. */
class PublisherLostTest {

    @Test
    void killingThePublisherMidCallAnswersPublisherLost() throws Exception {
        try (SwitchboardServer server =
                        SwitchboardServer.start(Fixtures.serverConfig().build());
                SwitchboardClient caller = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON);
                ChildJvm child = ChildJvm.start(PublisherMain.class, Fixtures.tcpUrl(server), "fragile")) {
            child.awaitLine("READY");

            CompletableFuture<String> call =
                    caller.callAsync("fragile", "hang", null, String.class, Duration.ofSeconds(60));
            child.awaitLine("HOLDING");
            child.kill();

            ExecutionException e = catchThrowableOfType(
                    ExecutionException.class, () -> call.get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
            assertThat(e).as("the call ends well before its own 60 s timeout").isNotNull();
            assertThat(e.getCause()).isInstanceOf(CallException.class);
            assertThat(((CallException) e.getCause()).code()).isEqualTo(ResultCode.PUBLISHER_LOST);
            Fixtures.await(
                    "the session is gone with its only publisher",
                    () -> caller.list().isEmpty());
        }
    }
}
