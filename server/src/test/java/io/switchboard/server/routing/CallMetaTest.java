package io.switchboard.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The publisher hears who calls (as the server knows it) and the call's headers, over real sockets. */
class CallMetaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FRAME = 4096;

    private final List<TestPeer> peers = new ArrayList<>();
    private SwitchboardServer server;

    @BeforeEach
    void start() {
        server = SwitchboardServer.start(
                ServerConfig.builder().port(0).maxFrameSize(MAX_FRAME).build());
    }

    @AfterEach
    void stop() throws Exception {
        for (TestPeer peer : peers) {
            peer.close();
        }
        server.close();
    }

    private TestPeer binary(String clientName, String codec) throws Exception {
        TestPeer peer = TestPeer.binary(server.tcpPort());
        peers.add(peer);
        peer.helloWith(new Hello(Protocol.VERSION, clientName, List.of(codec), null, null));
        return peer;
    }

    private TestPeer publisher(String clientName, String codec, List<String> idempotent) throws Exception {
        TestPeer peer = binary(clientName, codec);
        peer.send(new Publish(
                1,
                "svc",
                List.of("read", "write"),
                idempotent,
                null,
                idempotent == null ? null : SessionPolicy.REROUTE)); // reroute: the default policy, fail, does not
        peer.expect(Ack.class);
        return peer;
    }

    private TestPeer text(String clientName) throws Exception {
        TestPeer peer = TestPeer.text(server.tcpPort());
        peers.add(peer);
        peer.writeLine("{\"type\":\"hello\",\"version\":1,\"client\":\"" + clientName + "\"}");
        assertThat(line(peer).get("type").asText()).isEqualTo("welcome");
        return peer;
    }

    /** The next line other than a ping. */
    private static JsonNode line(TestPeer peer) throws Exception {
        while (true) {
            JsonNode node = JSON.readTree(peer.nextLine());
            if (!node.get("type").asText().equals("ping")) {
                return node;
            }
        }
    }

    private static Map<String, String> headers(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void thePublisherSeesTheCallersClientNameAndItsHeadersInOrder() throws Exception {
        TestPeer publisher = publisher("inventory-1", "cbor", null);
        TestPeer caller = binary("shop", "json");
        Map<String, String> sent = headers("trace", "4bf92f3577b34da6", "tenant", "grüß ✓", "empty", "");
        caller.send(new Deliver(7, "svc", "read", 5_000, CallMeta.headers(sent), json("1")));

        Deliver delivered = publisher.expect(Deliver.class);
        assertThat(delivered.meta().caller()).isEqualTo("shop");
        assertThat(delivered.meta().headers()).isEqualTo(sent);
        assertThat(delivered.meta().headers().keySet()).containsExactly("trace", "tenant", "empty");
        publisher.send(Result.ok(delivered.id(), null));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aCallWithoutHeadersStillNamesItsCaller() throws Exception {
        TestPeer publisher = publisher("inventory-1", "json", null);
        TestPeer caller = binary("shop", "json");
        caller.send(new Deliver(1, "svc", "read", 0, null));
        Deliver delivered = publisher.expect(Deliver.class);
        assertThat(delivered.meta().caller()).isEqualTo("shop");
        assertThat(delivered.meta().headers()).isEmpty();
    }

    @Test
    void aCallerCannotSpoofItsName() throws Exception {
        TestPeer publisher = publisher("inventory-1", "json", null);
        TestPeer caller = binary("shop", "json");
        caller.send(new Deliver(1, "svc", "read", 0, CallMeta.of("admin", Map.of("role", "root")), null));
        Deliver first = publisher.expect(Deliver.class);
        assertThat(first.meta().caller()).isEqualTo("shop");
        assertThat(first.meta().headers()).isEqualTo(Map.of("role", "root"));

        caller.send(new Deliver(2, "svc", "read", 0, CallMeta.caller("admin"), null));
        Deliver second = publisher.expect(Deliver.class);
        assertThat(second.meta()).isEqualTo(CallMeta.caller("shop"));
    }

    @Test
    void aCallerWithoutANameReachesThePublisherWithoutMeta() throws Exception {
        TestPeer publisher = publisher("inventory-1", "json", null);
        TestPeer nameless = binary(null, "json");
        nameless.send(new Deliver(1, "svc", "read", 0, CallMeta.caller("admin"), null));
        assertThat(publisher.expect(Deliver.class).meta()).isSameAs(CallMeta.NONE);
        nameless.send(new Deliver(2, "svc", "read", 0, CallMeta.headers(Map.of("k", "v")), null));
        assertThat(publisher.expect(Deliver.class).meta()).isEqualTo(CallMeta.headers(Map.of("k", "v")));
    }

    @Test
    void anIdempotentCallReroutedToAnotherPublisherKeepsCallerAndHeaders() throws Exception {
        TestPeer first = publisher("replica-1", "cbor", List.of("read"));
        TestPeer caller = binary("shop", "json");
        caller.send(
                new Deliver(1, "svc", "read", 10_000, CallMeta.headers(headers("trace", "t-1", "a", "b")), json("7")));
        assertThat(first.expect(Deliver.class).meta().caller()).isEqualTo("shop");
        TestPeer second = publisher("replica-2", "json", List.of("read"));
        first.close();

        Deliver rerouted = second.expect(Deliver.class);
        assertThat(rerouted.meta().caller()).isEqualTo("shop");
        assertThat(rerouted.meta().headers()).isEqualTo(headers("trace", "t-1", "a", "b"));
        assertThat(rerouted.payload()).isEqualTo(json("7"));
        second.send(Result.ok(rerouted.id(), json("\"done\"")));
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(1);
        assertThat(result.code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void aTextCallersNameAndHeadersReachABinaryPublisher() throws Exception {
        TestPeer publisher = publisher("inventory-1", "cbor", null);
        TestPeer caller = text("nc");
        caller.writeLine("{\"type\":\"deliver\",\"id\":4,\"alias\":\"svc\",\"method\":\"read\",\"caller\":\"admin\","
                + "\"headers\":{\"trace\":\"42\",\"lang\":\"de\"},\"payload\":[1]}");
        Deliver delivered = publisher.expect(Deliver.class);
        assertThat(delivered.meta().caller()).isEqualTo("nc");
        assertThat(delivered.meta().headers()).isEqualTo(headers("trace", "42", "lang", "de"));
        assertThat(delivered.meta().headers().keySet()).containsExactly("trace", "lang");
        publisher.send(Result.ok(delivered.id(), Codec.CBOR.mapper().writeValueAsBytes(2)));
        JsonNode result = line(caller);
        assertThat(result.get("id").asLong()).isEqualTo(4);
        assertThat(result.get("payload").asInt()).isEqualTo(2);
    }

    @Test
    void aTextPublisherSeesCallerAndHeadersAsFields() throws Exception {
        TestPeer publisher = text("nc-publisher");
        publisher.writeLine("{\"type\":\"publish\",\"req\":1,\"alias\":\"svc\",\"methods\":[\"read\"]}");
        assertThat(line(publisher).get("type").asText()).isEqualTo("ack");
        TestPeer caller = binary("shop", "smile");
        caller.send(
                new Deliver(3, "svc", "read", 0, CallMeta.headers(headers("trace", "42", "quote", "a\"b\nc")), null));

        JsonNode deliver = line(publisher);
        assertThat(deliver.get("caller").asText()).isEqualTo("shop");
        assertThat(deliver.get("headers").toString()).isEqualTo("{\"trace\":\"42\",\"quote\":\"a\\\"b\\nc\"}");
        publisher.writeLine("{\"type\":\"result\",\"id\":" + deliver.get("id").asLong() + ",\"code\":\"ok\"}");
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void malformedMetaIsABadRequestForThatCallAndTheConnectionGoesOn() throws Exception {
        TestPeer publisher = publisher("inventory-1", "json", null);
        TestPeer caller = binary("shop", "json");
        // META flag, caller "", two headers announced, one present.
        caller.writeRaw(frame(Unpooled.buffer()
                .writeByte(0x20)
                .writeLong(11)
                .writeInt(0)
                .writeByte(Deliver.FLAG_META)
                .writeByte(3)
                .writeBytes(json("svc"))
                .writeByte(4)
                .writeBytes(json("read"))
                .writeByte(0)
                .writeByte(2)
                .writeByte(1)
                .writeBytes(json("k"))
                .writeShort(1)
                .writeBytes(json("v"))));
        Result truncated = caller.expect(Result.class);
        assertThat(truncated.id()).isEqualTo(11);
        assertThat(truncated.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(truncated.message()).isEqualTo("truncated DELIVER frame: header name needs 1 bytes, 0 left");

        // A reserved flag bit beside META.
        caller.writeRaw(frame(
                Unpooled.buffer().writeByte(0x20).writeLong(12).writeInt(0).writeByte(0x21)));
        Result flags = caller.expect(Result.class);
        assertThat(flags.id()).isEqualTo(12);
        assertThat(flags.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(flags.message()).contains("bits 0x20 are not defined");

        caller.send(new Deliver(13, "svc", "read", 0, CallMeta.headers(Map.of("k", "v")), null));
        Deliver delivered = publisher.expect(Deliver.class);
        assertThat(delivered.meta().headers()).containsEntry("k", "v");
        publisher.send(Result.ok(delivered.id(), null));
        assertThat(caller.expect(Result.class).id()).isEqualTo(13);
    }

    @Test
    void malformedTextHeadersAreABadRequestForThatCallAndTheConnectionGoesOn() throws Exception {
        TestPeer publisher = publisher("inventory-1", "json", null);
        TestPeer caller = text("nc");
        caller.writeLine("{\"type\":\"deliver\",\"id\":5,\"alias\":\"svc\",\"method\":\"read\",\"headers\":{\"n\":1}}");
        JsonNode refused = line(caller);
        assertThat(refused.get("type").asText()).isEqualTo("result");
        assertThat(refused.get("id").asLong()).isEqualTo(5);
        assertThat(refused.get("code").asText()).isEqualTo("bad-request");
        assertThat(refused.get("message").asText()).isEqualTo("deliver header \"n\" must have a string value");

        caller.writeLine(
                "{\"type\":\"deliver\",\"id\":6,\"alias\":\"svc\",\"method\":\"read\",\"headers\":{\"n\":\"1\"}}");
        Deliver delivered = publisher.expect(Deliver.class);
        assertThat(delivered.meta()).isEqualTo(CallMeta.of("nc", Map.of("n", "1")));
    }

    @Test
    void aCallThatOutgrowsTheFrameLimitOnceTheCallersNameIsAddedIsAnsweredNotLost() throws Exception {
        String longName = "n".repeat(255);
        TestPeer publisher = publisher("inventory-1", "json", null);
        TestPeer caller = binary(longName, "json");
        // Fits as sent (no meta); 256 bytes more once the server names the caller.
        byte[] payload = json("\"" + "x".repeat(3998) + "\"");
        caller.send(new Deliver(1, "svc", "read", 0, payload));
        Result refused = caller.expect(Result.class);
        assertThat(refused.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(refused.message()).contains("exceeds the frame limit once forwarded");

        caller.send(new Deliver(2, "svc", "read", 0, json("1")));
        Deliver delivered = publisher.expect(Deliver.class);
        assertThat(delivered.meta().caller()).isEqualTo(longName);
    }

    @Test
    void aClientNameTooLongToTravelAsTheCallerIsRefusedAtHello() throws Exception {
        try (TestPeer peer = TestPeer.binary(server.tcpPort())) {
            peer.send(new Hello(Protocol.VERSION, "n".repeat(256), null, null, null));
            ErrorMessage error = peer.expect(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error.message())
                    .isEqualTo(
                            "HELLO \"client\": caller name 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn...' is 256 UTF-8 bytes; "
                                    + "the most is 255");
            peer.awaitClosed();
        }
    }

    private static byte[] frame(ByteBuf body) {
        byte[] bytes = new byte[4 + body.readableBytes()];
        Unpooled.wrappedBuffer(bytes)
                .writerIndex(0)
                .writeInt(body.readableBytes())
                .writeBytes(body);
        return bytes;
    }
}
