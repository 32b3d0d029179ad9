package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import io.switchboard.client.CallException;
import io.switchboard.client.CallOptions;
import io.switchboard.client.IncomingCall;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SessionHandler;
import io.switchboard.client.SessionPolicy;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a publisher learns about each call through the client API: who calls, with which headers. */
class CallerAndHeadersTest {

    /** What the "who" session answers: the caller and headers its handler saw. */
    record Seen(String caller, Map<String, String> headers) {}

    record Item(String sku, int count) {}

    private static final SessionHandler WHO = call -> new Seen(call.caller(), call.headers());

    private SwitchboardServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);

    @BeforeEach
    void startServer() {
        server = SwitchboardServer.start(Fixtures.serverConfig().build());
    }

    @AfterEach
    void stop() {
        handlers.shutdownNow();
        Fixtures.closeAll(server);
    }

    private SwitchboardClient client(String name, Codec codec) {
        return SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), codec)
                .clientName(name)
                .build());
    }

    @ParameterizedTest(name = "caller {0}, publisher {1}")
    @CsvSource({"CBOR,CBOR", "JSON,SMILE", "SMILE,JSON"})
    void thePublisherSeesTheCallersNameAndHeaders(Codec callerCodec, Codec publisherCodec) throws Exception {
        try (SwitchboardClient publisher = client("inventory-1", publisherCodec);
                SwitchboardClient caller = client("shop-frontend", callerCodec)) {
            publisher.publish("who", List.of("ask"), WHO, handlers);

            CallOptions options = CallOptions.builder()
                    .header("trace", "4bf92f3577b34da6")
                    .header("tenant", "acme ✓")
                    .timeout(Fixtures.PATIENCE)
                    .build();
            Seen seen = caller.call("who", "ask", null, Seen.class, options);
            assertThat(seen.caller()).isEqualTo("shop-frontend");
            assertThat(seen.headers()).isEqualTo(Map.of("trace", "4bf92f3577b34da6", "tenant", "acme ✓"));

            Seen async = caller.callAsync(
                            "who",
                            "ask",
                            null,
                            Seen.class,
                            CallOptions.builder().header("n", "2").build())
                    .get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(async).isEqualTo(new Seen("shop-frontend", Map.of("n", "2")));

            // The overloads without options name the caller too, with no headers.
            assertThat(caller.call("who", "ask", null, Seen.class)).isEqualTo(new Seen("shop-frontend", Map.of()));
        }
    }

    @Test
    void aHandlerReadsAGenericPayload() {
        try (SwitchboardClient publisher = client("inventory-1", Codec.CBOR);
                SwitchboardClient caller = client("shop", Codec.JSON)) {
            publisher.publish(
                    "stock",
                    List.of("total"),
                    call -> {
                        List<Item> items = call.payloadAs(new TypeReference<List<Item>>() {}.getType());
                        return items.stream().mapToInt(Item::count).sum();
                    },
                    handlers);
            int total = caller.call("stock", "total", List.of(new Item("a", 2), new Item("b", 40)), Integer.class);
            assertThat(total).isEqualTo(42);
        }
    }

    @Test
    void theTimeoutOfTheCallOptionsBoundsTheCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SwitchboardClient publisher = client("inventory-1", Codec.CBOR);
                SwitchboardClient caller = client("shop", Codec.CBOR)) {
            publisher.publish(
                    "slow",
                    List.of("wait"),
                    call -> release.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS),
                    handlers);
            CallException e = catchThrowableOfType(
                    CallException.class,
                    () -> caller.call(
                            "slow",
                            "wait",
                            null,
                            Boolean.class,
                            CallOptions.builder()
                                    .timeout(Duration.ofMillis(200))
                                    .build()));
            assertThat(e.code()).isEqualTo(ResultCode.TIMEOUT);
        } finally {
            release.countDown();
        }
    }

    @Test
    void anIdempotentCallReroutedAfterItsPublisherIsLostKeepsCallerAndHeaders() throws Exception {
        PublishOptions who = PublishOptions.builder("who")
                .method("ask")
                .idempotent(List.of("ask"))
                .policy(SessionPolicy.REROUTE)
                .build(); // the default policy, fail, does not reroute
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SwitchboardClient first = client("replica-1", Codec.CBOR);
        try (SwitchboardClient caller = client("shop", Codec.JSON)) {
            first.publish(
                    who,
                    (IncomingCall call) -> {
                        holding.countDown();
                        release.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                        return new Seen("replica-1 should not answer", Map.of());
                    },
                    handlers);
            CompletableFuture<Seen> answer = caller.callAsync(
                    "who",
                    "ask",
                    null,
                    Seen.class,
                    CallOptions.builder().header("trace", "t-1").build());
            assertThat(holding.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();

            try (SwitchboardClient second = client("replica-2", Codec.SMILE)) {
                second.publish(who, WHO, handlers);
                first.close(); // the held call is lost with its publisher, then rerouted to the second
                Seen seen = answer.get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(seen).isEqualTo(new Seen("shop", Map.of("trace", "t-1")));
            }
        } finally {
            release.countDown();
            Fixtures.closeAll(first);
        }
    }
}
