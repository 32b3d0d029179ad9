package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.FrameType;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * W4: every message a client may send, with each of its fields missing and null in turn, in text mode and in binary
 * mode (JSON and CBOR bodies), over a real socket. A missing required field is {@code bad-request} under the
 * message's {@code req} (or its call's {@code id}); nothing is ever {@code internal}, the connection goes on, and
 * the server logs no stack trace for it.
 */
class MalformedFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PROBE = 7777;
    private static SwitchboardServer server;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    /** A valid sample of each message a client sends, with the fields the docs call required. */
    private static final Map<String, Sample> SAMPLES = Map.ofEntries(
            sample(
                    "publish",
                    "{\"req\":1,\"alias\":\"mf\",\"methods\":[\"a\"],\"idempotent\":[\"a\"],"
                            + "\"max_inflight\":4,\"policy\":\"fail\"}",
                    "req",
                    "alias",
                    "methods"),
            sample("rescind", "{\"req\":1,\"alias\":\"mf\"}", "req", "alias"),
            sample("list", "{\"req\":1}", "req"),
            sample("subscribe", "{\"req\":1,\"alias\":\"mf\"}", "req", "alias"),
            sample("unsubscribe", "{\"req\":1,\"alias\":\"mf\"}", "req", "alias"),
            sample(
                    "register",
                    "{\"req\":1,\"name\":\"mf\",\"endpoints\":[\"tcp://h:1\"],\"metadata\":{\"k\":\"v\"},"
                            + "\"ttl_ms\":1000,\"instance\":\"x\"}",
                    "req",
                    "name",
                    "endpoints"),
            sample("unregister", "{\"req\":1,\"name\":\"mf\",\"instance\":\"x\"}", "req", "name", "instance"),
            sample("refresh", "{\"req\":1,\"instance\":\"x\"}", "req", "instance"),
            sample("resolve", "{\"req\":1,\"name\":\"mf\"}", "req", "name"),
            sample("watch", "{\"req\":1,\"name\":\"mf\"}", "req", "name"),
            sample("unwatch", "{\"req\":1,\"name\":\"mf\"}", "req", "name"),
            sample("error", "{\"req\":0,\"code\":\"internal\",\"message\":\"x\"}", "code"),
            sample("shutdown", "{\"grace_ms\":1,\"reason\":\"x\"}"),
            sample("hello", "{\"version\":1,\"client\":\"again\"}", "version"),
            // Text only: in binary these have fixed layouts (see truncatedFixedFrames).
            sample(
                    "deliver",
                    "{\"id\":1,\"alias\":\"mf\",\"method\":\"a\",\"timeout_ms\":100,\"payload\":1}",
                    "id",
                    "alias",
                    "method"),
            sample("result", "{\"id\":1,\"code\":\"ok\",\"message\":\"x\",\"payload\":1}", "id", "code"),
            sample("fetch", "{\"req\":1,\"wait_ms\":0,\"ticket\":\"t\"}", "req", "ticket"),
            sample("ping", "{\"id\":1}", "id"),
            sample("pong", "{\"id\":1}", "id"));

    record Sample(String type, ObjectNode document, List<String> required) {}

    private static Map.Entry<String, Sample> sample(String type, String json, String... required) {
        try {
            return Map.entry(type, new Sample(type, (ObjectNode) JSON.readTree(json), List.of(required)));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @BeforeAll
    static void start() {
        LOG.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOG);
        server = SwitchboardServer.start(
                ServerConfig.builder().port(0).maxFrameSize(4096).build());
    }

    @AfterAll
    static void stop() {
        server.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOG);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String mode : List.of("text", "json", "cbor")) {
            for (Sample sample : SAMPLES.values()) {
                FrameType type = FrameType.fromTextName(sample.type());
                if (mode.equals("text") || type.layout() != FrameType.Layout.FIXED) {
                    cases.add(Arguments.of(mode, sample.type()));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void eachFieldMissingOrNullIsRefusedAndTheConnectionGoesOn(String mode, String type) throws Exception {
        Sample sample = SAMPLES.get(type);
        try (TestPeer peer = connect(mode)) {
            Iterator<String> fields = sample.document().fieldNames();
            List<String> names = new ArrayList<>();
            fields.forEachRemaining(names::add);
            for (String field : names) {
                for (boolean asNull : new boolean[] {false, true}) {
                    ObjectNode variant = sample.document().deepCopy();
                    if (asNull) {
                        variant.putNull(field);
                    } else {
                        variant.remove(field);
                    }
                    String what = mode + " " + type + " with \"" + field + "\" " + (asNull ? "null" : "missing");
                    send(peer, mode, type, variant);
                    List<Message> answers = untilProbe(peer, what);
                    assertThat(answers)
                            .as(what)
                            .noneMatch(m -> m instanceof ErrorMessage e && e.code() == ErrorCode.INTERNAL);
                    if (sample.required().contains(field)) {
                        assertRefused(answers, sample, field, what);
                    }
                }
            }
            // The whole document null (JSON null, CBOR null): refused, never internal.
            if (!mode.equals("text")) {
                send(peer, mode, type, null);
                List<Message> answers = untilProbe(peer, mode + " " + type + " null body");
                assertThat(answers)
                        .as(mode + " " + type + " null body")
                        .anyMatch(m -> m instanceof ErrorMessage e && e.code() == ErrorCode.BAD_REQUEST);
            }
        }
        assertThat(LOG.list)
                .as("no stack trace logged for a client's mistake")
                .noneMatch(e -> e.getThrowableProxy() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedFrames")
    void truncatedFixedFramesAreRefusedAndTheConnectionGoesOn(String name, byte type, byte[] body) throws Exception {
        try (TestPeer peer = connect("cbor")) {
            for (int length = 0; length < body.length; length++) {
                ByteBuffer frame = ByteBuffer.allocate(5 + length)
                        .putInt(1 + length)
                        .put(type)
                        .put(body, 0, length);
                peer.writeRaw(frame.array());
                List<Message> answers = untilProbe(peer, name + " cut to " + length + " bytes");
                assertThat(answers)
                        .as(name + " cut to " + length)
                        .isNotEmpty()
                        .noneMatch(m -> m instanceof ErrorMessage e && e.code() == ErrorCode.INTERNAL);
            }
        }
        assertThat(LOG.list).noneMatch(e -> e.getThrowableProxy() != null);
    }

    static Stream<Arguments> fixedFrames() {
        byte[] deliver = ByteBuffer.allocate(8 + 4 + 1 + 3 + 2)
                .putLong(5)
                .putInt(100)
                .put((byte) 0)
                .put((byte) 2)
                .put("mf".getBytes())
                .put((byte) 1)
                .put((byte) 'a')
                .array();
        byte[] fetch = ByteBuffer.allocate(8 + 4 + 2)
                .putLong(5)
                .putInt(0)
                .put((byte) 1)
                .put((byte) 't')
                .array();
        byte[] result = ByteBuffer.allocate(8 + 1 + 2)
                .putLong(5)
                .put((byte) 0)
                .putShort((short) 0)
                .array();
        byte[] ping = ByteBuffer.allocate(8).putLong(5).array();
        return Stream.of(
                Arguments.of("deliver", (byte) 0x20, deliver),
                Arguments.of("fetch", (byte) 0x23, fetch),
                Arguments.of("result", (byte) 0x21, result),
                Arguments.of("ping", (byte) 0x04, ping));
    }

    private static void assertRefused(List<Message> answers, Sample sample, String field, String what) {
        boolean hasReq = sample.document().has("req") && !field.equals("req");
        long req = hasReq ? sample.document().get("req").asLong() : 0;
        boolean call = sample.type().equals("deliver") && !field.equals("id");
        if (call) {
            assertThat(answers)
                    .as(what)
                    .anyMatch(m -> m instanceof Result r && r.id() == 1 && r.code() == ResultCode.BAD_REQUEST);
        } else if (sample.type().equals("fetch") && hasReq) {
            assertThat(answers)
                    .as(what)
                    .anyMatch(m -> m instanceof Result r && r.id() == req && r.code() == ResultCode.BAD_REQUEST);
        } else if (!sample.type().equals("result") || field.equals("id")) {
            // A publisher's RESULT without a code for a call it does not have: ERROR req 0 to the publisher.
            assertThat(answers)
                    .as(what)
                    .anyMatch(m -> m instanceof ErrorMessage e && e.code() == ErrorCode.BAD_REQUEST && e.req() == req);
        } else {
            assertThat(answers)
                    .as(what)
                    .anyMatch(m -> m instanceof ErrorMessage e && e.code() == ErrorCode.BAD_REQUEST);
        }
    }

    private static TestPeer connect(String mode) throws Exception {
        if (mode.equals("text")) {
            TestPeer peer = TestPeer.text(server.tcpPort());
            peer.writeLine("{\"type\":\"hello\",\"version\":1}");
            peer.expect(io.switchboard.protocol.message.Welcome.class);
            return peer;
        }
        TestPeer peer = TestPeer.binary(server.tcpPort());
        peer.hello(mode);
        return peer;
    }

    private static void send(TestPeer peer, String mode, String type, ObjectNode document) throws Exception {
        if (mode.equals("text")) {
            ObjectNode line = JSON.createObjectNode().put("type", type);
            line.setAll(document);
            peer.writeLine(JSON.writeValueAsString(line));
            return;
        }
        FrameType frameType = FrameType.fromTextName(type);
        Codec codec =
                frameType.layout() == FrameType.Layout.JSON_DOCUMENT || mode.equals("json") ? Codec.JSON : Codec.CBOR;
        JsonNode body = document == null ? JSON.nullNode() : document;
        byte[] bytes = codec.mapper().writeValueAsBytes(body);
        ByteBuffer frame = ByteBuffer.allocate(5 + bytes.length)
                .putInt(1 + bytes.length)
                .put((byte) frameType.code())
                .put(bytes);
        peer.writeRaw(frame.array());
    }

    /** What the server answered before the LISTING of a probe LIST: that LISTING proves the connection goes on. */
    private static List<Message> untilProbe(TestPeer peer, String what) throws Exception {
        peer.send(new ListSessions(PROBE));
        List<Message> answers = new ArrayList<>();
        while (true) {
            Message message;
            try {
                message = peer.next();
            } catch (AssertionError e) {
                throw new AssertionError(what + ": the connection did not go on; got " + answers, e);
            }
            if (message instanceof Listing listing && listing.req() == PROBE) {
                return answers;
            }
            answers.add(message);
        }
    }
}
