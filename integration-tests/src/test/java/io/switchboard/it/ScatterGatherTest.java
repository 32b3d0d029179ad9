package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.CallException;
import io.switchboard.client.CallOptions;
import io.switchboard.client.PublisherResult;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SwitchboardClient#callAll}: scatter-gather through the Java client against a real server. */
class ScatterGatherTest {

    /** An answer a publisher gives. */
    record Count(String region, int people) {}

    private SwitchboardServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);

    @BeforeEach
    void startServer() {
        server = SwitchboardServer.start(Fixtures.serverConfig().build());
    }

    @AfterEach
    void stop() {
        Fixtures.closeAll(server);
        handlers.shutdownNow();
    }

    @Test
    void everyPublisherInEveryCodecAnswersAndOneThatIsTooSlowIsATimeoutResult() throws Exception {
        String url = Fixtures.tcpUrl(server);
        CompletableFuture<Void> never = new CompletableFuture<>();
        try (SwitchboardClient north = Fixtures.client(url, Codec.JSON);
                SwitchboardClient south = Fixtures.client(url, Codec.SMILE);
                SwitchboardClient broken = Fixtures.client(url, Codec.CBOR);
                SwitchboardClient slow = Fixtures.client(url, Codec.JSON);
                SwitchboardClient caller = Fixtures.client(url, Codec.CBOR)) {
            north.publish("census", List.of("count"), call -> new Count("north", 3), handlers);
            south.publish("census", List.of("count"), call -> new Count("south", 4), handlers);
            broken.publish(
                    "census",
                    List.of("count"),
                    call -> {
                        throw new IllegalStateException("census closed");
                    },
                    handlers);
            slow.publish("census", List.of("count"), call -> never, handlers);

            List<PublisherResult<Count>> results = caller.callAll(
                    "census",
                    "count",
                    Map.of("year", 2026),
                    Count.class,
                    CallOptions.builder().timeout(Duration.ofMillis(1500)).build());

            assertThat(results).hasSize(4);
            assertThat(results).extracting(PublisherResult::publisher).doesNotHaveDuplicates();
            assertThat(results)
                    .filteredOn(PublisherResult::isOk)
                    .extracting(PublisherResult::value)
                    .containsExactlyInAnyOrder(new Count("north", 3), new Count("south", 4));
            assertThat(results)
                    .filteredOn(r -> r.code() == ResultCode.HANDLER_ERROR)
                    .singleElement()
                    .satisfies(r -> assertThat(r.message()).contains("census closed"));
            // The call's deadline bounds the whole: the silent publisher is a timeout, and comes last.
            assertThat(results.get(3).code()).isEqualTo(ResultCode.TIMEOUT);
            assertThat(results.get(3).value()).isNull();
        } finally {
            never.complete(null);
        }
    }

    @Test
    void aCallThatReachesNoPublisherFailsAsAWhole() throws Exception {
        try (SwitchboardClient caller = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON)) {
            assertThatThrownBy(() -> caller.callAll("nobody", "count", null, Count.class))
                    .isInstanceOfSatisfying(
                            CallException.class, e -> assertThat(e.code()).isEqualTo(ResultCode.NO_SUCH_SESSION));
        }
    }
}
