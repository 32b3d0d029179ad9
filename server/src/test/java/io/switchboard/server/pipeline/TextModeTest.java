package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.codec.BinaryMessageEncoder;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.SessionState;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Text mode driven by hand-written JSON lines, and malformed input in both modes. */
class TextModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SwitchboardServer server;

    @BeforeEach
    void start() {
        server = SwitchboardServer.start(
                ServerConfig.builder().port(0).maxFrameSize(4096).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private TextPeer textPeer() throws Exception {
        TextPeer peer = new TextPeer(TestPeer.text(server.tcpPort()));
        peer.raw.writeLine("  {\"type\":\"hello\",\"version\":1,\"client\":\"nc\",\"codecs\":[\"cbor\"]}");
        JsonNode welcome = peer.line();
        assertThat(welcome.get("type").asText()).isEqualTo("welcome");
        assertThat(welcome.get("codec").asText()).isEqualTo("json");
        return peer;
    }

    /** Reads raw lines so the test sees exactly what a netcat user would. */
    private record TextPeer(TestPeer raw) implements AutoCloseable {
        JsonNode line() throws Exception {
            while (true) {
                JsonNode node = JSON.readTree(raw.nextLine());
                if (!node.get("type").asText().equals("ping")) {
                    return node;
                }
            }
        }

        @Override
        public void close() throws java.io.IOException {
            raw.close();
        }
    }

    @Test
    void publishListSubscribeAndCallInTextMode() throws Exception {
        try (TextPeer publisher = textPeer();
                TextPeer caller = textPeer()) {
            caller.raw.writeLine("{\"type\":\"subscribe\",\"req\":1,\"alias\":\"calc\"}");
            JsonNode absent = caller.line();
            assertThat(absent.get("state").asText()).isEqualTo("absent");
            assertThat(absent.get("req").asLong()).isEqualTo(1);

            publisher.raw.writeLine("{\"type\":\"publish\",\"req\":5,\"alias\":\"calc\",\"methods\":[\"add\"]}");
            assertThat(publisher.line().toString())
                    .isEqualTo("{\"type\":\"ack\",\"req\":5,\"policy\":\"fail\",\"policy_source\":\"config\"}");
            JsonNode published = caller.line();
            assertThat(published.get("state").asText()).isEqualTo("published");
            assertThat(published.get("methods").get(0).asText()).isEqualTo("add");

            caller.raw.writeLine("{\"type\":\"list\",\"req\":2}");
            JsonNode listing = caller.line();
            assertThat(listing.get("sessions").get(0).get("alias").asText()).isEqualTo("calc");
            assertThat(listing.get("sessions").get(0).get("publishers").asInt()).isEqualTo(1);

            caller.raw.writeLine(
                    "{\"type\":\"deliver\",\"id\":3,\"alias\":\"calc\",\"method\":\"add\",\"payload\":[1,2]}");
            JsonNode deliver = publisher.line();
            assertThat(deliver.get("type").asText()).isEqualTo("deliver");
            assertThat(deliver.get("payload").toString()).isEqualTo("[1,2]");
            publisher.raw.writeLine("{\"type\":\"result\",\"id\":"
                    + deliver.get("id").asLong() + ",\"code\":\"ok\",\"payload\":{\"sum\":3}}");
            JsonNode result = caller.line();
            assertThat(result.get("id").asLong()).isEqualTo(3);
            assertThat(result.get("code").asText()).isEqualTo("ok");
            assertThat(result.get("payload").get("sum").asInt()).isEqualTo(3);
        }
    }

    @Test
    void textCallerAndCborPublisherAreTranscodedBothWays() throws Exception {
        try (TestPeer publisher = TestPeer.binary(server.tcpPort());
                TextPeer caller = textPeer()) {
            assertThat(publisher.hello("cbor").codec()).isEqualTo("cbor");
            publisher.send(new Publish(1, "calc", List.of("add"), null, null));
            publisher.expect(Ack.class);
            caller.raw.writeLine("{\"type\":\"deliver\",\"id\":8,\"alias\":\"calc\",\"method\":\"add\","
                    + "\"timeout_ms\":5000,\"payload\":{\"a\":1,\"b\":[true,null,\"x\"]}}");
            Deliver deliver = publisher.expect(Deliver.class);
            JsonNode argument = Codec.CBOR.mapper().readTree(deliver.payload());
            assertThat(argument.toString()).isEqualTo("{\"a\":1,\"b\":[true,null,\"x\"]}");
            publisher.send(Result.ok(deliver.id(), Codec.CBOR.mapper().writeValueAsBytes(List.of("r", 2.5))));
            JsonNode result = caller.line();
            assertThat(result.get("code").asText()).isEqualTo("ok");
            assertThat(result.get("payload").toString()).isEqualTo("[\"r\",2.5]");
        }
    }

    @Test
    void binaryJsonPayloadIsCompactedForATextPublisher() throws Exception {
        try (TextPeer publisher = textPeer();
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            caller.hello("json");
            publisher.raw.writeLine("{\"type\":\"publish\",\"req\":1,\"alias\":\"t\",\"methods\":[\"m\"]}");
            publisher.line();
            caller.send(new Deliver(1, "t", "m", 0, "{\n  \"a\" : 1\n}".getBytes(StandardCharsets.UTF_8)));
            JsonNode deliver = publisher.line();
            assertThat(deliver.get("payload").toString()).isEqualTo("{\"a\":1}");
            caller.send(new Deliver(2, "t", "m", 0, "{oops".getBytes(StandardCharsets.UTF_8)));
            Result refused = caller.expect(Result.class);
            assertThat(refused.id()).isEqualTo(2);
            assertThat(refused.code()).isEqualTo(ResultCode.BAD_REQUEST);
        }
    }

    @Test
    void payloadsThatOutgrowTheFrameLimitWhenTranscodedAreAnsweredNotLost() throws Exception {
        // true is 1 byte in CBOR and 5 ("true,") in JSON: the same array grows past the 4096 limit.
        byte[] cbor = Codec.CBOR.mapper().writeValueAsBytes(java.util.Collections.nCopies(1500, true));
        assertThat(cbor.length).isLessThan(4000);
        try (TestPeer jsonPublisher = TestPeer.binary(server.tcpPort());
                TestPeer cborPeer = TestPeer.binary(server.tcpPort())) {
            jsonPublisher.hello("json");
            cborPeer.hello("cbor");
            jsonPublisher.send(new Publish(1, "j", List.of("m"), null, null));
            jsonPublisher.expect(Ack.class);
            cborPeer.send(new Publish(2, "c", List.of("m"), null, null));
            cborPeer.expect(Ack.class);

            cborPeer.send(new Deliver(1, "j", "m", 0, cbor));
            Result tooBig = cborPeer.expect(Result.class);
            assertThat(tooBig.code()).isEqualTo(ResultCode.BAD_REQUEST);
            assertThat(tooBig.message()).contains("frame limit");

            jsonPublisher.send(new Deliver(2, "c", "m", 0, null));
            Deliver call = cborPeer.expect(Deliver.class);
            cborPeer.send(Result.ok(call.id(), cbor));
            Result answer = jsonPublisher.expect(Result.class);
            assertThat(answer.id()).isEqualTo(2);
            assertThat(answer.code()).isEqualTo(ResultCode.HANDLER_ERROR);
            assertThat(answer.message()).contains("frame limit");
        }
    }

    @Test
    void garbageLineIsABadRequestAndTheConnectionGoesOn() throws Exception {
        try (TextPeer peer = textPeer()) {
            peer.raw.writeLine("{this is not json");
            JsonNode error = peer.line();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("code").asText()).isEqualTo("bad-request");
            peer.raw.writeLine("{\"type\":\"list\",\"req\":4}");
            assertThat(peer.line().get("type").asText()).isEqualTo("listing");
        }
    }

    @Test
    void malformedDeliverWithReadableIdGetsItsResult() throws Exception {
        try (TextPeer peer = textPeer()) {
            peer.raw.writeLine("{\"type\":\"deliver\",\"id\":77,\"alias\":\"calc\"}");
            JsonNode result = peer.line();
            assertThat(result.get("type").asText()).isEqualTo("result");
            assertThat(result.get("id").asLong()).isEqualTo(77);
            assertThat(result.get("code").asText()).isEqualTo("bad-request");
            peer.raw.writeLine("{\"type\":\"list\",\"req\":4}");
            assertThat(peer.line().get("type").asText()).isEqualTo("listing");
        }
    }

    @Test
    void clientSendingServerMessagesIsABadRequest() throws Exception {
        try (TextPeer peer = textPeer()) {
            peer.raw.writeLine("{\"type\":\"ack\",\"req\":1}");
            assertThat(peer.line().get("code").asText()).isEqualTo("bad-request");
            peer.raw.writeLine("{\"type\":\"ping\",\"id\":12}");
            JsonNode pong = JSON.readTree(peer.raw.nextLine());
            assertThat(pong.toString()).isEqualTo("{\"type\":\"pong\",\"id\":12}");
        }
    }

    @Test
    void oversizeLineIsFatal() throws Exception {
        try (TextPeer peer = textPeer()) {
            peer.raw.writeLine("{\"type\":\"list\",\"req\":1,\"pad\":\"" + "x".repeat(5000) + "\"}");
            assertThat(peer.line().get("code").asText()).isEqualTo("frame-too-large");
            peer.raw.awaitClosed();
        }
    }

    @Test
    void oversizeBinaryFrameIsFatal() throws Exception {
        try (TestPeer peer = TestPeer.binary(server.tcpPort())) {
            Welcome welcome = peer.hello("smile");
            assertThat(welcome.maxFrame()).isEqualTo(4096);
            peer.send(new Deliver(1, "a", "b", 0, new byte[5000]));
            assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
            peer.awaitClosed();
        }
    }

    @Test
    void malformedBinaryDeliverGetsItsResultAndTheConnectionGoesOn() throws Exception {
        try (TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.hello("cbor");
            ByteBuf frame = Unpooled.buffer();
            BinaryMessageEncoder.encode(new Deliver(31, "a", "b", 0, null), Codec.CBOR, frame, 4096);
            frame.setByte(4 + 1 + 8 + 4, 0x40); // undefined flags
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            peer.writeRaw(bytes);
            Result result = peer.expect(Result.class);
            assertThat(result.id()).isEqualTo(31);
            assertThat(result.code()).isEqualTo(ResultCode.BAD_REQUEST);
            peer.writeRaw(new byte[] {0, 0, 0, 1, 0x7f}); // unknown frame type
            assertThat(peer.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.BAD_REQUEST);
            peer.send(new io.switchboard.protocol.message.ListSessions(2));
            assertThat(peer.expect(Listing.class).req()).isEqualTo(2);
        }
    }

    @Test
    void subscribersHearRescindAndRepublish() throws Exception {
        try (TestPeer watcher = TestPeer.binary(server.tcpPort())) {
            watcher.hello("cbor");
            TestPeer publisher = TestPeer.binary(server.tcpPort());
            publisher.hello("json");
            publisher.send(new Publish(1, "svc", List.of("b", "a"), List.of("a"), null));
            publisher.expect(Ack.class);
            watcher.send(new io.switchboard.protocol.message.Subscribe(9, "svc"));
            SessionEvent now = watcher.expect(SessionEvent.class);
            assertThat(now.req()).isEqualTo(9);
            assertThat(now.state()).isEqualTo(SessionState.PUBLISHED);
            assertThat(now.methods()).containsExactly("a", "b");
            assertThat(now.idempotent()).containsExactly("a");

            publisher.send(new io.switchboard.protocol.message.Rescind(2, "svc"));
            publisher.expect(Ack.class);
            SessionEvent gone = watcher.expect(SessionEvent.class);
            assertThat(gone.req()).isZero();
            assertThat(gone.state()).isEqualTo(SessionState.RESCINDED);
            publisher.send(new io.switchboard.protocol.message.Rescind(3, "svc"));
            assertThat(publisher.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.NOT_FOUND);

            publisher.send(new Publish(4, "svc", List.of("c"), null, null));
            publisher.expect(Ack.class);
            SessionEvent back = watcher.expect(SessionEvent.class);
            assertThat(back.state()).isEqualTo(SessionState.REPUBLISHED);
            assertThat(back.methods()).containsExactly("c");

            publisher.close(); // closing rescinds too
            assertThat(watcher.expect(SessionEvent.class).state()).isEqualTo(SessionState.RESCINDED);

            watcher.send(new io.switchboard.protocol.message.Unsubscribe(10, "svc"));
            assertThat(watcher.expect(Ack.class).req()).isEqualTo(10);
            watcher.send(new io.switchboard.protocol.message.Unsubscribe(11, "svc"));
            assertThat(watcher.expect(ErrorMessage.class).code()).isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void aMalformedRequestGetsItsErrorUnderItsReqAndNamesTheField() throws Exception {
        try (TextPeer peer = textPeer()) {
            peer.raw.writeLine("{\"type\":\"publish\",\"req\":7,\"alias\":\"a\",\"methods\":\"a\"}");
            JsonNode error = peer.line();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("req").asLong()).isEqualTo(7);
            assertThat(error.get("code").asText()).isEqualTo("bad-request");
            assertThat(error.get("message").asText()).isEqualTo("publish \"methods\" must be an array");

            peer.raw.writeLine("{\"type\":\"register\",\"req\":8,\"name\":\"n\",\"endpoints\":[\"tcp://h:1\"],"
                    + "\"metadata\":{\"zone\":{\"a\":1}}}");
            error = peer.line();
            assertThat(error.get("req").asLong()).isEqualTo(8);
            assertThat(error.get("message").asText()).isEqualTo("register \"metadata.zone\" must be a string");

            // The connection goes on.
            peer.raw.writeLine("{\"type\":\"list\",\"req\":9}");
            assertThat(peer.line().get("type").asText()).isEqualTo("listing");
        }
    }

    @Test
    void aRequestWithoutAUsableReqIsRefusedNotAnsweredAsAnEvent() throws Exception {
        try (TextPeer peer = textPeer()) {
            for (String req : List.of("", "\"req\":0,", "\"req\":-4,")) {
                peer.raw.writeLine("{\"type\":\"list\"," + req + "\"x\":1}");
                JsonNode error = peer.line();
                assertThat(error.get("type").asText()).as(req).isEqualTo("error");
                assertThat(error.get("req").asLong()).isZero();
                assertThat(error.get("message").asText()).contains("\"req\"").contains("1 to 9223372036854775807");
            }
        }
    }

    @Test
    void textCallIdsRunToTwoToThe64MinusOne() throws Exception {
        try (TextPeer caller = textPeer()) {
            caller.raw.writeLine(
                    "{\"type\":\"deliver\",\"id\":18446744073709551615,\"alias\":\"nobody\",\"method\":\"m\"}");
            JsonNode result = caller.line();
            assertThat(result.get("type").asText()).isEqualTo("result");
            assertThat(result.get("id").asText()).isEqualTo("18446744073709551615");
            assertThat(result.get("code").asText()).isEqualTo("no-such-session");
        }
    }

    @Test
    void aPublishersMalformedResultEndsTheCallAtOnceWithHandlerError() throws Exception {
        try (TextPeer publisher = textPeer();
                TextPeer caller = textPeer()) {
            publisher.raw.writeLine("{\"type\":\"publish\",\"req\":1,\"alias\":\"calc\",\"methods\":[\"add\"]}");
            assertThat(publisher.line().get("type").asText()).isEqualTo("ack");
            // A minute's deadline: the answer below must not be the timeout.
            caller.raw.writeLine("{\"type\":\"deliver\",\"id\":4,\"alias\":\"calc\",\"method\":\"add\","
                    + "\"timeout_ms\":60000,\"payload\":[1,2]}");
            JsonNode deliver = publisher.line();
            long id = deliver.get("id").asLong();

            publisher.raw.writeLine("{\"type\":\"result\",\"id\":" + id + ",\"code\":\"maybe\"}");

            JsonNode result = caller.line();
            assertThat(result.get("type").asText()).isEqualTo("result");
            assertThat(result.get("id").asLong()).isEqualTo(4);
            assertThat(result.get("code").asText()).isEqualTo("handler-error");
            assertThat(result.get("message").asText()).contains("malformed").contains("maybe");
            JsonNode error = publisher.line();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("code").asText()).isEqualTo("bad-request");
            assertThat(error.get("message").asText()).startsWith("RESULT " + id + " is malformed");
        }
    }

    @Test
    void aRequestLackingARequiredFieldIsBadRequestUnderItsReq() throws Exception {
        try (TextPeer peer = textPeer()) {
            peer.raw.writeLine("{\"type\":\"rescind\",\"req\":3}");
            JsonNode error = peer.line();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("req").asLong()).isEqualTo(3);
            assertThat(error.get("code").asText()).isEqualTo("bad-request");
            assertThat(error.get("message").asText()).isEqualTo("rescind needs \"alias\"");

            peer.raw.writeLine("{\"type\":\"unsubscribe\",\"req\":4}");
            error = peer.line();
            assertThat(error.get("req").asLong()).isEqualTo(4);
            assertThat(error.get("message").asText()).isEqualTo("unsubscribe needs \"alias\"");
        }
    }

    @Test
    void subscribingTwiceAnswersBothAndSubscribesOnce() throws Exception {
        try (TextPeer watcher = textPeer();
                TextPeer publisher = textPeer()) {
            watcher.raw.writeLine("{\"type\":\"subscribe\",\"req\":1,\"alias\":\"twice\"}");
            assertThat(watcher.line().get("req").asLong()).isEqualTo(1);
            watcher.raw.writeLine("{\"type\":\"subscribe\",\"req\":2,\"alias\":\"twice\"}");
            assertThat(watcher.line().get("req").asLong()).isEqualTo(2);

            publisher.raw.writeLine("{\"type\":\"publish\",\"req\":1,\"alias\":\"twice\",\"methods\":[\"m\"]}");
            assertThat(publisher.line().get("type").asText()).isEqualTo("ack");
            JsonNode event = watcher.line();
            assertThat(event.get("state").asText()).isEqualTo("published");

            // One UNSUBSCRIBE ends it; had the second SUBSCRIBE counted twice, the event would have come twice.
            watcher.raw.writeLine("{\"type\":\"unsubscribe\",\"req\":3,\"alias\":\"twice\"}");
            JsonNode ack = watcher.line();
            assertThat(ack.get("type").asText()).isEqualTo("ack");
            assertThat(ack.get("req").asLong()).isEqualTo(3);
            watcher.raw.writeLine("{\"type\":\"unsubscribe\",\"req\":4,\"alias\":\"twice\"}");
            assertThat(watcher.line().get("code").asText()).isEqualTo("not-found");
        }
    }

    @Test
    void maxInflightAboveTheLimitIsRefusedNotClamped() throws Exception {
        try (TextPeer peer = textPeer()) {
            peer.raw.writeLine("{\"type\":\"publish\",\"req\":6,\"alias\":\"big\",\"methods\":[\"m\"],"
                    + "\"max_inflight\":1000000}");
            JsonNode error = peer.line();
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("req").asLong()).isEqualTo(6);
            assertThat(error.get("code").asText()).isEqualTo("bad-request");
            assertThat(error.get("message").asText()).contains("max_inflight must be 1..");
        }
    }
}
