package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every result code, produced for real over sockets. */
class CallRoutingTest {

    private final List<TestPeer> peers = new ArrayList<>();
    private SwitchboardServer server;

    @BeforeEach
    void start() {
        server = SwitchboardServer.start(ServerConfig.builder().port(0).build());
    }

    @AfterEach
    void stop() throws Exception {
        for (TestPeer peer : peers) {
            peer.close();
        }
        server.close();
    }

    private TestPeer connect(String codec) throws Exception {
        TestPeer peer = TestPeer.binary(server.tcpPort());
        peers.add(peer);
        peer.hello(codec);
        return peer;
    }

    private TestPeer publisher(String alias, List<String> methods, List<String> idempotent, Integer maxInflight)
            throws Exception {
        TestPeer peer = connect("cbor");
        // Sessions with idempotent methods reroute them (policy reroute; the default, fail, does not).
        peer.send(new Publish(
                1,
                alias,
                methods,
                idempotent,
                maxInflight,
                idempotent == null || idempotent.isEmpty() ? null : SessionPolicy.REROUTE));
        assertThat(peer.expect(Ack.class).req()).isEqualTo(1);
        return peer;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void okResultTravelsBackWithTheCallersIdAndCodec() throws Exception {
        TestPeer publisher = publisher("echo", List.of("say"), null, null);
        TestPeer caller = connect("json");
        caller.send(new Deliver(42, "echo", "say", 5_000, json("{\"word\":\"hi\"}")));
        Deliver delivered = publisher.expect(Deliver.class);
        assertThat(delivered.alias()).isEqualTo("echo");
        assertThat(delivered.method()).isEqualTo("say");
        assertThat(delivered.timeoutMs()).isBetween(1L, 5_000L);
        // The publisher speaks CBOR: the server transcoded the payload.
        assertThat(Codec.CBOR.mapper().readTree(delivered.payload()).get("word").asText())
                .isEqualTo("hi");
        publisher.send(Result.ok(delivered.id(), Codec.CBOR.mapper().writeValueAsBytes(List.of(1, 2))));
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(42);
        assertThat(result.code()).isEqualTo(ResultCode.OK);
        assertThat(new String(result.payload(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
        assertThat(server.stats().delivered()).isEqualTo(1);
    }

    @Test
    void handlerErrorIsPassedThrough() throws Exception {
        TestPeer publisher = publisher("svc", List.of("fail"), null, null);
        TestPeer caller = connect("cbor");
        caller.send(new Deliver(1, "svc", "fail", 0, null));
        Deliver delivered = publisher.expect(Deliver.class);
        assertThat(delivered.timeoutMs()).isGreaterThan(25_000); // the server's default of 30 s
        publisher.send(Result.failure(delivered.id(), ResultCode.HANDLER_ERROR, "boom"));
        Result result = caller.expect(Result.class);
        assertThat(result.code()).isEqualTo(ResultCode.HANDLER_ERROR);
        assertThat(result.message()).isEqualTo("boom");
    }

    @Test
    void timeoutThenTheLateResultIsDroppedAndCounted() throws Exception {
        TestPeer publisher = publisher("slow", List.of("wait"), null, null);
        TestPeer caller = connect("json");
        caller.send(new Deliver(9, "slow", "wait", 50, null));
        Deliver delivered = publisher.expect(Deliver.class);
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(9);
        assertThat(result.code()).isEqualTo(ResultCode.TIMEOUT);
        publisher.send(Result.ok(delivered.id(), null));
        Awaits.until("the late result is counted", () -> server.stats().lateResults() == 1);
        assertThat(server.stats().timeouts()).isEqualTo(1);
        assertThat(server.stats().outstandingDeliveries()).isZero();
        // The caller got exactly one RESULT: the next thing it hears is the answer to a new call.
        caller.send(new Deliver(10, "nobody", "x", 0, null));
        assertThat(caller.expect(Result.class).id()).isEqualTo(10);
    }

    @Test
    void noSuchSessionAndUnknownMethodAndBadRequestAreAnsweredAtOnce() throws Exception {
        publisher("svc", List.of("a"), null, null);
        TestPeer caller = connect("json");
        caller.send(new Deliver(1, "missing", "a", 0, null));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.NO_SUCH_SESSION);
        caller.send(new Deliver(2, "svc", "b", 0, null));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.UNKNOWN_METHOD);
        caller.send(new Deliver(3, "", "a", 0, null));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.BAD_REQUEST);
    }

    @Test
    void payloadThatIsNotValidInTheCallersCodecIsABadRequest() throws Exception {
        publisher("svc", List.of("a"), null, null); // CBOR publisher, so the JSON payload must be transcoded
        TestPeer caller = connect("json");
        caller.send(new Deliver(4, "svc", "a", 0, json("{not json")));
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(4);
        assertThat(result.code()).isEqualTo(ResultCode.BAD_REQUEST);
    }

    @Test
    void publisherLostWhenItsSocketClosesMidCall() throws Exception {
        TestPeer publisher = publisher("svc", List.of("work"), null, null);
        TestPeer caller = connect("json");
        caller.send(new Deliver(5, "svc", "work", 10_000, null));
        publisher.expect(Deliver.class);
        publisher.close();
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(5);
        assertThat(result.code()).isEqualTo(ResultCode.PUBLISHER_LOST);
    }

    @Test
    void callOfADepartedCallerStillRunsAndItsResultIsDropped() throws Exception {
        TestPeer publisher = publisher("svc", List.of("work"), null, null);
        TestPeer caller = connect("json");
        caller.send(new Deliver(1, "svc", "work", 10_000, null));
        Deliver delivered = publisher.expect(Deliver.class);
        caller.close();
        Awaits.until("the caller is gone", () -> server.stats().connections() == 1);
        publisher.send(Result.ok(delivered.id(), null));
        Awaits.until("the delivery is settled", () -> server.stats().outstandingDeliveries() == 0);
        assertThat(server.stats().lateResults()).isZero();
        TestPeer another = connect("json");
        another.send(new Deliver(2, "svc", "work", 10_000, null));
        publisher.send(Result.ok(publisher.expect(Deliver.class).id(), null));
        assertThat(another.expect(Result.class).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void busyWhenEveryPublisherIsAtItsCap() throws Exception {
        TestPeer publisher = publisher("svc", List.of("work"), null, 1);
        TestPeer caller = connect("json");
        caller.send(new Deliver(1, "svc", "work", 10_000, null));
        Deliver first = publisher.expect(Deliver.class);
        caller.send(new Deliver(2, "svc", "work", 10_000, null));
        Result busy = caller.expect(Result.class);
        assertThat(busy.id()).isEqualTo(2);
        assertThat(busy.code()).isEqualTo(ResultCode.BUSY);
        publisher.send(Result.ok(first.id(), null));
        assertThat(caller.expect(Result.class).id()).isEqualTo(1);
        // The permit came back: a third call goes through.
        caller.send(new Deliver(3, "svc", "work", 10_000, null));
        publisher.send(Result.ok(publisher.expect(Deliver.class).id(), null));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.OK);
        assertThat(server.stats().busy()).isEqualTo(1);
    }

    @Test
    void idempotentCallIsReroutedWhenItsPublisherIsLost() throws Exception {
        TestPeer first = publisher("svc", List.of("read", "write"), List.of("read"), null);
        TestPeer caller = connect("json");
        caller.send(new Deliver(1, "svc", "read", 10_000, json("7")));
        first.expect(Deliver.class);
        TestPeer second = publisher("svc", List.of("read", "write"), List.of("read"), null);
        first.close();
        Deliver rerouted = second.expect(Deliver.class);
        assertThat(rerouted.method()).isEqualTo("read");
        assertThat(Codec.CBOR.mapper().readTree(rerouted.payload()).asInt()).isEqualTo(7);
        second.send(Result.ok(rerouted.id(), Codec.CBOR.mapper().writeValueAsBytes("done")));
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(1);
        assertThat(result.code()).isEqualTo(ResultCode.OK);
        assertThat(new String(result.payload(), StandardCharsets.UTF_8)).isEqualTo("\"done\"");
    }

    @Test
    void nonIdempotentCallIsNotRerouted() throws Exception {
        TestPeer first = publisher("svc", List.of("read", "write"), List.of("read"), null);
        TestPeer caller = connect("json");
        caller.send(new Deliver(1, "svc", "write", 10_000, null));
        first.expect(Deliver.class);
        TestPeer second = publisher("svc", List.of("read", "write"), List.of("read"), null);
        first.close();
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.PUBLISHER_LOST);
        // The second publisher got nothing: its next message is the call we send now.
        caller.send(new Deliver(2, "svc", "read", 10_000, null));
        assertThat(second.expect(Deliver.class).method()).isEqualTo("read");
    }

    @Test
    void callsAreSpreadOverTheGroupAndAvoidTheBusierPublisher() throws Exception {
        TestPeer fast = publisher("svc", List.of("m"), null, null);
        TestPeer slow = publisher("svc", List.of("m"), null, null);
        TestPeer caller = connect("cbor");
        for (int i = 1; i <= 10; i++) {
            caller.send(new Deliver(i, "svc", "m", 10_000, null));
        }
        List<List<Deliver>> first = collect(10, fast, slow);
        // Neither answered yet, so least-loaded picking spreads the burst evenly.
        assertThat(first.get(0)).hasSize(5);
        assertThat(first.get(1)).hasSize(5);

        // The fast one answers; the slow one keeps its five. The next burst favours the fast one.
        for (Deliver d : first.get(0)) {
            fast.send(Result.ok(d.id(), null));
        }
        for (int i = 0; i < 5; i++) {
            caller.expect(Result.class);
        }
        for (int i = 11; i <= 20; i++) {
            caller.send(new Deliver(i, "svc", "m", 10_000, null));
        }
        List<List<Deliver>> second = collect(10, fast, slow);
        assertThat(second.get(0).size()).isGreaterThanOrEqualTo(7);
        assertThat(second.get(0).size()).isGreaterThan(second.get(1).size());
        for (Deliver d : second.get(0)) {
            fast.send(Result.ok(d.id(), null));
        }
        for (List<Deliver> held : List.of(first.get(1), second.get(1))) {
            for (Deliver d : held) {
                slow.send(Result.ok(d.id(), null));
            }
        }
        for (int i = 0; i < 15; i++) {
            assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.OK);
        }
    }

    /** Reads DELIVERs from both peers until {@code total} arrived, each list holding one peer's. */
    private static List<List<Deliver>> collect(int total, TestPeer a, TestPeer b) throws InterruptedException {
        List<Deliver> fromA = new ArrayList<>();
        List<Deliver> fromB = new ArrayList<>();
        long deadline = System.nanoTime() + TestPeer.WAIT.toNanos();
        while (fromA.size() + fromB.size() < total) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("only " + (fromA.size() + fromB.size()) + " of " + total + " delivered");
            }
            Message m = a.poll(Duration.ofMillis(20));
            if (m != null) {
                fromA.add((Deliver) m);
            }
            m = b.poll(Duration.ofMillis(20));
            if (m != null) {
                fromB.add((Deliver) m);
            }
        }
        return List.of(fromA, fromB);
    }

    @Test
    void publishersOfOneAliasMustDeclareTheSameMethods() throws Exception {
        publisher("svc", List.of("a", "b"), List.of("a"), null);
        TestPeer other = connect("json");
        other.send(new Publish(3, "svc", List.of("a"), null, null));
        ErrorMessage error = other.expect(ErrorMessage.class);
        assertThat(error.req()).isEqualTo(3);
        assertThat(error.code()).isEqualTo(ErrorCode.METHOD_MISMATCH);
        other.send(new Publish(4, "svc", List.of("b", "a"), List.of(), null));
        assertThat(other.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.METHOD_MISMATCH);
        other.send(new Publish(5, "svc", List.of("b", "a"), List.of("a"), null));
        assertThat(other.expect(Ack.class).req()).isEqualTo(5);
    }

    @Test
    void publishIsValidated() throws Exception {
        TestPeer peer = connect("json");
        peer.send(new Publish(1, "x".repeat(256), List.of("a"), null, null));
        assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        peer.send(new Publish(2, "svc", List.of(""), null, null));
        assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        peer.send(new Publish(3, "svc", List.of("a"), null, 0));
        assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        peer.send(new Publish(4, "svc", List.of("a"), null, 1025));
        assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        peer.send(new Publish(5, "svc", List.of("a"), List.of("b"), null));
        assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }
}
