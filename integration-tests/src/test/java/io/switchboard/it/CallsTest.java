package io.switchboard.it;

import static io.switchboard.it.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.switchboard.client.Publication;
import io.switchboard.client.RawPayload;
import io.switchboard.client.RequestException;
import io.switchboard.client.SessionChange;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.Subscription;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Person;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.server.SwitchboardServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client API end to end against a real server, over TCP and over a unix socket, in every codec pairing. */
class CallsTest {

    @TempDir
    Path dir;

    private SwitchboardServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);

    @BeforeEach
    void startServer() {
        server = SwitchboardServer.start(
                Fixtures.serverConfig().unixSocket(dir.resolve("sb.sock")).build());
    }

    @AfterEach
    void stop() {
        Fixtures.closeAll(server);
        handlers.shutdownNow();
    }

    private String url(String transport) {
        return transport.equals("unix") ? Fixtures.unixUrl(server) : Fixtures.tcpUrl(server);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "unix"})
    void callListSubscribeAndPing(String transport) throws Exception {
        try (SwitchboardClient publisher = Fixtures.client(url(transport), Codec.CBOR);
                SwitchboardClient caller = Fixtures.client(url(transport), Codec.CBOR)) {
            List<SessionChange> events = new CopyOnWriteArrayList<>();
            try (Subscription sub = caller.subscribe(Calculator.ALIAS, events::add)) {
                assertThat(events)
                        .singleElement()
                        .extracting(SessionChange::state)
                        .isEqualTo(SessionChange.State.ABSENT);

                Publication pub = publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
                await("the subscriber hears the session published", () -> events.size() == 2);
                assertThat(events.get(1).state()).isEqualTo(SessionChange.State.PUBLISHED);
                assertThat(events.get(1).methods()).containsExactlyInAnyOrderElementsOf(Calculator.METHODS);

                assertThat(caller.call("calc", "add", new Pair(2, 3), Sum.class))
                        .isEqualTo(new Sum(5));
                CompletableFuture<Sum> async = caller.callAsync("calc", "add", new Pair(20, 22), Sum.class);
                assertThat(async.get(10, TimeUnit.SECONDS)).isEqualTo(new Sum(42));
                assertThat(caller.call("calc", "later", new Pair(4, 0), Sum.class, Duration.ofSeconds(10)))
                        .isEqualTo(new Sum(40));

                List<SessionInfo> listing = caller.list();
                assertThat(listing).singleElement().satisfies(info -> {
                    assertThat(info.alias()).isEqualTo("calc");
                    assertThat(info.methods()).containsExactlyInAnyOrderElementsOf(Calculator.METHODS);
                    assertThat(info.publishers()).isEqualTo(1);
                });

                long pingsBefore = server.stats().pingsAnswered();
                assertThat(caller.ping()).isPositive();
                assertThat(server.stats().pingsAnswered())
                        .as("the server counts the answered PING, heartbeats aside")
                        .isEqualTo(pingsBefore + 1);

                pub.close();
                await("the subscriber hears the session rescinded", () -> events.size() == 3);
                assertThat(events.get(2).state()).isEqualTo(SessionChange.State.RESCINDED);
                assertThat(caller.list()).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "caller {0}, publisher {1}")
    @CsvSource({"JSON,JSON", "CBOR,CBOR", "SMILE,SMILE", "JSON,CBOR", "CBOR,JSON", "SMILE,CBOR", "JSON,SMILE"})
    void everyPayloadKindSurvivesEveryCodecPairing(Codec callerCodec, Codec publisherCodec) {
        try (SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), publisherCodec);
                SwitchboardClient caller = Fixtures.client(Fixtures.tcpUrl(server), callerCodec)) {
            publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), Runnable::run);
            assertThat(caller.codec()).contains(callerCodec);
            assertThat(publisher.codec()).contains(publisherCodec);

            // record
            assertThat(caller.call("calc", "add", new Pair(-1, 1), Sum.class)).isEqualTo(new Sum(0));
            // POJO
            Person older = caller.call("calc", "shout", new Person("ada", 36), Person.class);
            assertThat(older.name).isEqualTo("ADA");
            assertThat(older.age).isEqualTo(37);
            // JsonNode, with nesting, unicode, numbers and null
            ObjectNode tree = JsonNodeFactory.instance
                    .objectNode()
                    .put("text", "grüß dich ✓")
                    .put("n", 12345678901L)
                    .put("pi", 3.25)
                    .putNull("none");
            tree.putArray("list").add(1).add("two").addObject().put("three", true);
            assertThat(caller.call("calc", "echo", tree, JsonNode.class)).isEqualTo(tree);
            // byte[] as a binary value
            byte[] bytes = {1, 2, 3, (byte) 0xFF, 0};
            assertThat(caller.call("calc", "reverse", bytes, byte[].class)).containsExactly(0, (byte) 0xFF, 3, 2, 1);
            // no payload at all, and Void as result
            assertThat(caller.call("calc", "nothing", null, Void.class)).isNull();
            assertThat(caller.call("calc", "echo", null, JsonNode.class)).isNull();
        }
    }

    @Test
    void refusedPublishCarriesTheServersCodeAndMessageAndIsForgotten() {
        try (SwitchboardClient first = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
                SwitchboardClient second = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON)) {
            first.publish("calc", List.of("add"), call -> 1, handlers);
            RequestException e = catchThrowableOfType(
                    RequestException.class,
                    () -> second.publish("calc", List.of("add", "subtract"), call -> 2, handlers));
            assertThat(e.code()).isEqualTo(ErrorCode.METHOD_MISMATCH);
            assertThat(e.getMessage()).contains("calc");
            // Forgotten: the same alias can be published again, this time with matching methods.
            second.publish("calc", List.of("add"), call -> 2, handlers);
            assertThat(second.list())
                    .singleElement()
                    .extracting(SessionInfo::publishers)
                    .isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "caller {0}, publisher {1}")
    @CsvSource({"CBOR,CBOR", "JSON,CBOR", "CBOR,JSON"})
    void rawPayloadsPassThroughInTheCallersCodec(Codec callerCodec, Codec publisherCodec) throws Exception {
        try (SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), publisherCodec);
                SwitchboardClient caller = Fixtures.client(Fixtures.tcpUrl(server), callerCodec)) {
            publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), Runnable::run);
            byte[] encoded = callerCodec == Codec.CBOR
                    ? new CBORMapper().writeValueAsBytes(new Pair(7, 8))
                    : "{\"a\":7,\"b\":8}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // Pre-encoded argument, typed answer.
            assertThat(caller.call("calc", "add", RawPayload.of(encoded), Sum.class))
                    .isEqualTo(new Sum(15));
            // The publisher answers with the raw bytes it got; the caller asks for raw bytes back.
            RawPayload back = caller.call("calc", "raw", RawPayload.of(encoded), RawPayload.class);
            assertThat(back.bytes()).containsExactly(encoded);
        }
    }
}
