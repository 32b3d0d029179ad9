package io.switchboard.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.FrameType;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Fetch;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Refresh;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Reply;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.SessionState;
import io.switchboard.protocol.message.Shutdown;
import io.switchboard.protocol.message.Subscribe;
import io.switchboard.protocol.message.TicketIssued;
import io.switchboard.protocol.message.Unregister;
import io.switchboard.protocol.message.Unsubscribe;
import io.switchboard.protocol.message.Unwatch;
import io.switchboard.protocol.message.Watch;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.protocol.message.XaCommit;
import io.switchboard.protocol.message.XaPrepare;
import io.switchboard.protocol.message.XaRecover;
import io.switchboard.protocol.message.XaRollback;
import io.switchboard.protocol.message.XaXids;
import io.switchboard.protocol.message.Xid;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message survives encoding and decoding in every codec and in text mode. */
class RoundTripTest {

    static Stream<Message> controlMessages() {
        return Stream.of(
                new Hello(1, "test", List.of("cbor", "json"), Map.of("token", "t"), 5000L),
                new Welcome(1, "sb", List.of("a", "b"), "cbor", 1024, 10_000, new Welcome.Limits(30_000, 300_000, 512)),
                new ErrorMessage(7, ErrorCode.METHOD_MISMATCH, "other methods"),
                new Ping(42),
                new Pong(43),
                new Shutdown(10_000, "admin request"),
                new Publish(1, "echo", List.of("say", "shout"), List.of("say"), 16),
                new Publish(2, "echo", List.of("say"), List.of(), null),
                new Rescind(3, "echo"),
                new Ack(3),
                new ListSessions(4),
                new Listing(4, List.of(new Listing.SessionInfo("echo", List.of("say"), List.of(), 2))),
                new Subscribe(5, "echo"),
                new Unsubscribe(6, "echo"),
                new SessionEvent(5, "echo", SessionState.PUBLISHED, List.of("say"), List.of()),
                new SessionEvent(0, "echo", SessionState.RESCINDED, null, null),
                new Register(
                        7,
                        "inventory",
                        List.of("tcp://10.0.0.5:7420", "unix:///run/inv.sock"),
                        Map.of("zone", "eu-1"),
                        null,
                        null),
                new Register(8, "cron", List.of("http://cron.local:8080/"), null, 30_000L, "q3V0cD7u1jYv4pYc7bHn0A"),
                new Registered(7, "inventory", "q3V0cD7u1jYv4pYc7bHn0A", "Xy12", null),
                new Registered(8, "cron", "q3V0cD7u1jYv4pYc7bHn0A", "Xy12", 30_000L),
                new Unregister(9, "inventory", "q3V0cD7u1jYv4pYc7bHn0A"),
                new Refresh(10, "q3V0cD7u1jYv4pYc7bHn0A"),
                new Resolve(11, "inventory"),
                new Entries(
                        11,
                        "inventory",
                        List.of(
                                new Entries.Entry("Xy12", List.of("tcp://10.0.0.5:7420"), Map.of("zone", "eu-1"), null),
                                new Entries.Entry("Ab34", List.of("unix:///run/inv.sock"), Map.of(), 5_000L))),
                new Entries(0, "inventory", List.of()),
                new Watch(12, "inventory"),
                new Unwatch(13, "inventory"),
                new TicketIssued(14, "q3V0cD7u1jYv4pYc7bHn0A"),
                new Fetch(15, 0, "q3V0cD7u1jYv4pYc7bHn0A"),
                new Fetch(16, 4_294_967_295L, "t"),
                new XaPrepare(17, new Xid(4660, "0a0b", "01")),
                new XaCommit(18, new Xid(0, "ff", ""), true),
                new XaCommit(19, new Xid(1, "00".repeat(64), "11".repeat(64)), null),
                new XaRollback(20, new Xid(-2, "abcd", "")),
                new XaRecover(21),
                new XaXids(21, List.of(new Xid(4660, "0a0b", "01"), new Xid(1, "ff", ""))),
                new XaXids(22, List.of()));
    }

    @ParameterizedTest
    @MethodSource("controlMessages")
    void controlMessagesRoundTripInEveryBinaryCodec(Message message) {
        for (Codec codec : Codec.values()) {
            assertThat(binaryRoundTrip(message, codec)).as(codec.wireName()).isEqualTo(message);
        }
    }

    @ParameterizedTest
    @MethodSource("controlMessages")
    void controlMessagesRoundTripInTextMode(Message message) {
        assertThat(textRoundTrip(message)).isEqualTo(message);
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void deliverAndResultKeepTheirPayloadBytes(Codec codec) {
        byte[] payload = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        Deliver deliver = (Deliver) binaryRoundTrip(new Deliver(9, "echo", "say", 1500, payload), codec);
        assertThat(deliver.id()).isEqualTo(9);
        assertThat(deliver.alias()).isEqualTo("echo");
        assertThat(deliver.method()).isEqualTo("say");
        assertThat(deliver.timeoutMs()).isEqualTo(1500);
        assertThat(deliver.payload()).isEqualTo(payload);

        Result result = (Result) binaryRoundTrip(new Result(9, ResultCode.HANDLER_ERROR, "boom", payload), codec);
        assertThat(result.code()).isEqualTo(ResultCode.HANDLER_ERROR);
        assertThat(result.message()).isEqualTo("boom");
        assertThat(result.payload()).isEqualTo(payload);
    }

    @org.junit.jupiter.api.Test
    void textDeliverCarriesItsPayloadAsJson() {
        String line =
                "{\"type\":\"deliver\",\"id\":3,\"alias\":\"echo\",\"method\":\"say\",\"payload\":{\"text\":\"hi\"}}";
        Deliver deliver = (Deliver) TextMessageDecoder.decode(Unpooled.copiedBuffer(line, StandardCharsets.UTF_8));
        assertThat(new String(deliver.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hi\"}");
        assertThat(deliver.timeoutMs()).isZero();

        ByteBuf out = Unpooled.buffer();
        TextMessageEncoder.encode(Result.ok(3, deliver.payload()), out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"result\",\"id\":3,\"code\":\"ok\",\"payload\":{\"text\":\"hi\"}}\n");
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void deliverKeepsCallerAndHeadersInTheirOrder(Codec codec) {
        CallMeta meta = CallMeta.of("shop-7", orderedHeaders("trace", "4bf92f", "tenant", "grüß ✓", "empty", ""));
        Deliver deliver = (Deliver) binaryRoundTrip(new Deliver(9, "echo", "say", 1500, meta, bytes("1")), codec);
        assertThat(deliver.meta()).isEqualTo(meta);
        assertThat(deliver.meta().headers().keySet()).containsExactly("trace", "tenant", "empty");
        assertThat(deliver.payload()).isEqualTo(bytes("1"));
    }

    @org.junit.jupiter.api.Test
    void metaWithoutPayloadAndMetaWithOnlyACallerOrOnlyHeadersRoundTrip() {
        for (CallMeta meta :
                List.of(CallMeta.caller("c"), CallMeta.headers(Map.of("k", "v")), CallMeta.of("c", Map.of("k", "v")))) {
            Deliver deliver = (Deliver) binaryRoundTrip(new Deliver(1, "a", "m", 0, meta, null), Codec.CBOR);
            assertThat(deliver.meta()).isEqualTo(meta);
            assertThat(deliver.payload()).isEmpty();
            Deliver text = (Deliver) textRoundTrip(new Deliver(1, "a", "m", 0, meta, null));
            assertThat(text.meta()).isEqualTo(meta);
        }
    }

    @org.junit.jupiter.api.Test
    void textDeliverCarriesCallerAndHeadersAsFields() {
        CallMeta meta = CallMeta.of("shop", orderedHeaders("trace", "42", "lang", "de"));
        ByteBuf out = Unpooled.buffer();
        TextMessageEncoder.encode(new Deliver(5, "echo", "say", 100, meta, bytes("\"hi\"")), out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"deliver\",\"id\":5,\"alias\":\"echo\","
                        + "\"method\":\"say\",\"timeout_ms\":100,\"caller\":\"shop\",\"headers\":{\"trace\":\"42\",\"lang\":\"de\"},"
                        + "\"payload\":\"hi\"}\n");
        Deliver back = (Deliver) TextMessageDecoder.decode(out.slice(0, out.readableBytes() - 1));
        assertThat(back.meta()).isEqualTo(meta);
        assertThat(back.meta().headers().keySet()).containsExactly("trace", "lang");

        Deliver plain = (Deliver) TextMessageDecoder.decode(Unpooled.copiedBuffer(
                "{\"type\":\"deliver\",\"id\":1,\"alias\":\"a\",\"method\":\"m\",\"caller\":null,\"headers\":null}",
                StandardCharsets.UTF_8));
        assertThat(plain.meta()).isSameAs(CallMeta.NONE);
    }

    /** The example of docs/protocol.md, "Fixed layouts": a call without meta is the layout from before META. */
    @org.junit.jupiter.api.Test
    void aDeliverWithoutMetaIsByteForByteTheVersionOneLayout() {
        ByteBuf out = Unpooled.buffer();
        BinaryMessageEncoder.encode(
                new Deliver(1, "echo", "say", 5000, bytes("\"hi\"")), Codec.JSON, out, Protocol.DEFAULT_MAX_FRAME_SIZE);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(hex("""
                00 00 00 1b  20  00 00 00 00 00 00 00 01  00 00 13 88  00
                04 65 63 68 6f  03 73 61 79  22 68 69 22"""));
    }

    /** The worked META example of docs/protocol.md, both ways. */
    @org.junit.jupiter.api.Test
    void theDocumentedMetaExampleEncodesAndDecodes() {
        String documented = hex("""
                00 00 00 2b  20  00 00 00 00 00 00 00 01  00 00 13 88  01
                04 65 63 68 6f  03 73 61 79
                04 73 68 6f 70  01  05 74 72 61 63 65  00 02 34 32
                22 68 69 22""");
        Deliver deliver =
                new Deliver(1, "echo", "say", 5000, CallMeta.of("shop", Map.of("trace", "42")), bytes("\"hi\""));
        ByteBuf out = Unpooled.buffer();
        BinaryMessageEncoder.encode(deliver, Codec.JSON, out, Protocol.DEFAULT_MAX_FRAME_SIZE);
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo(documented);

        out.skipBytes(4);
        Deliver decoded = (Deliver) BinaryMessageDecoder.decode(out, Codec.JSON);
        assertThat(decoded.meta().caller()).isEqualTo("shop");
        assertThat(decoded.meta().headers()).isEqualTo(Map.of("trace", "42"));
        assertThat(decoded.payload()).isEqualTo(bytes("\"hi\""));
    }

    /** The registry lines of docs/protocol.md, "Registry", read and written as documented. */
    @org.junit.jupiter.api.Test
    void registryMessagesUseTheDocumentedTextFieldsAndBinaryTypes() {
        String line = "{\"type\":\"register\",\"req\":1,\"name\":\"inventory\",\"endpoints\":[\"tcp://10.0.0.5:7420\"],"
                + "\"metadata\":{\"zone\":\"eu-1\"},\"ttl_ms\":30000}";
        Register register = (Register) TextMessageDecoder.decode(Unpooled.copiedBuffer(line, StandardCharsets.UTF_8));
        assertThat(register)
                .isEqualTo(new Register(
                        1, "inventory", List.of("tcp://10.0.0.5:7420"), Map.of("zone", "eu-1"), 30_000L, null));

        ByteBuf out = Unpooled.buffer();
        TextMessageEncoder.encode(
                new Entries(
                        0,
                        "inventory",
                        List.of(new Entries.Entry(
                                "Xy12", List.of("tcp://10.0.0.5:7420"), Map.of("zone", "eu-1"), 30_000L))),
                out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"entries\",\"req\":0,"
                        + "\"name\":\"inventory\",\"entries\":[{\"id\":\"Xy12\",\"endpoints\":[\"tcp://10.0.0.5:7420\"],"
                        + "\"metadata\":{\"zone\":\"eu-1\"},\"ttl_ms\":30000}]}\n");

        ByteBuf frame = Unpooled.buffer();
        BinaryMessageEncoder.encode(new Resolve(3, "inventory"), Codec.CBOR, frame, Protocol.DEFAULT_MAX_FRAME_SIZE);
        assertThat(frame.getUnsignedByte(4)).isEqualTo((short) 0x34);
        assertThat(List.of(
                        FrameType.REGISTER,
                        FrameType.REGISTERED,
                        FrameType.UNREGISTER,
                        FrameType.REFRESH,
                        FrameType.RESOLVE,
                        FrameType.ENTRIES,
                        FrameType.WATCH,
                        FrameType.UNWATCH))
                .extracting(FrameType::code)
                .containsExactly(0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37);
    }

    /** The async lines and frames of docs/protocol.md, "Async calls", read and written as documented. */
    @org.junit.jupiter.api.Test
    void asyncMessagesUseTheDocumentedTextFieldsAndBinaryLayouts() {
        String line = "{\"type\":\"deliver\",\"id\":4,\"alias\":\"echo\",\"method\":\"say\",\"async\":true,"
                + "\"payload\":\"hi\"}";
        Deliver deliver = (Deliver) TextMessageDecoder.decode(Unpooled.copiedBuffer(line, StandardCharsets.UTF_8));
        assertThat(deliver.async()).isTrue();
        ByteBuf text = Unpooled.buffer();
        TextMessageEncoder.encode(deliver, text);
        assertThat(text.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"deliver\",\"id\":4,\"alias\":\"echo\","
                        + "\"method\":\"say\",\"timeout_ms\":0,\"async\":true,\"payload\":\"hi\"}\n");
        assertThat(((Deliver) TextMessageDecoder.decode(Unpooled.copiedBuffer(
                                "{\"type\":\"deliver\",\"id\":4," + "\"alias\":\"echo\",\"method\":\"say\"}",
                                StandardCharsets.UTF_8)))
                        .async())
                .isFalse();

        Fetch fetch = (Fetch) TextMessageDecoder.decode(Unpooled.copiedBuffer(
                "{\"type\":\"fetch\",\"req\":5,\"wait_ms\":2000,\"ticket\":\"abc\"}", StandardCharsets.UTF_8));
        assertThat(fetch).isEqualTo(new Fetch(5, 2000, "abc"));
        ByteBuf ticketLine = Unpooled.buffer();
        TextMessageEncoder.encode(new TicketIssued(4, "abc"), ticketLine);
        assertThat(ticketLine.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"ticket\",\"id\":4,\"ticket\":\"abc\"}\n");

        // DELIVER flags: ASYNC alone is 0x02, with META 0x03.
        ByteBuf frame = Unpooled.buffer();
        BinaryMessageEncoder.encode(
                new Deliver(1, "echo", "say", 5000, CallMeta.NONE, bytes("\"hi\""), true),
                Codec.JSON,
                frame,
                Protocol.DEFAULT_MAX_FRAME_SIZE);
        assertThat(ByteBufUtil.hexDump(frame))
                .isEqualTo(hex("0000001b 20 0000000000000001 00001388 02" + " 046563686f 03736179 22686922"));
        Deliver decoded = (Deliver) binaryRoundTrip(
                new Deliver(2, "echo", "say", 5000, CallMeta.caller("shop"), bytes("1"), true), Codec.CBOR);
        assertThat(decoded.async()).isTrue();
        assertThat(decoded.meta().caller()).isEqualTo("shop");

        ByteBuf ticketFrame = Unpooled.buffer();
        BinaryMessageEncoder.encode(
                new TicketIssued(1, "abc"), Codec.CBOR, ticketFrame, Protocol.DEFAULT_MAX_FRAME_SIZE);
        assertThat(ByteBufUtil.hexDump(ticketFrame)).isEqualTo(hex("0000000d 22 0000000000000001 03616263"));
        ByteBuf fetchFrame = Unpooled.buffer();
        BinaryMessageEncoder.encode(new Fetch(2, 1000, "abc"), Codec.CBOR, fetchFrame, Protocol.DEFAULT_MAX_FRAME_SIZE);
        assertThat(ByteBufUtil.hexDump(fetchFrame)).isEqualTo(hex("00000011 23 0000000000000002 000003e8 03616263"));
        assertThat(ResultCode.fromWireCode(10)).isEqualTo(ResultCode.PENDING);
        assertThat(ResultCode.fromWireName("no-such-ticket").wireCode()).isEqualTo(11);
    }

    @Test
    void scatterGatherDeliverAndReplyHaveTheDocumentedLayouts() {
        // DELIVER flag ALL is 0x04.
        ByteBuf frame = Unpooled.buffer();
        BinaryMessageEncoder.encode(
                new Deliver(1, "echo", "say", 5000, CallMeta.NONE, bytes("\"hi\""), false, true),
                Codec.JSON,
                frame,
                Protocol.DEFAULT_MAX_FRAME_SIZE);
        assertThat(ByteBufUtil.hexDump(frame))
                .isEqualTo(hex("0000001b 20 0000000000000001 00001388 04" + " 046563686f 03736179 22686922"));
        Deliver all = (Deliver) textRoundTrip(new Deliver(3, "echo", "say", 0, CallMeta.NONE, bytes("1"), false, true));
        assertThat(all.all()).isTrue();
        assertThat(all.async()).isFalse();

        // REPLY: id, publisher, code, message, payload.
        Reply reply = new Reply(5, 17, ResultCode.OK, "", bytes("[1]"));
        ByteBuf replyFrame = Unpooled.buffer();
        BinaryMessageEncoder.encode(reply, Codec.JSON, replyFrame, Protocol.DEFAULT_MAX_FRAME_SIZE);
        assertThat(ByteBufUtil.hexDump(replyFrame))
                .isEqualTo(hex("00000017 24 0000000000000005 0000000000000011 00 0000 5b315d"));
        for (Codec codec : Codec.values()) {
            assertThat(binaryRoundTrip(reply, codec)).usingRecursiveComparison().isEqualTo(reply);
        }
        ByteBuf line = Unpooled.buffer();
        TextMessageEncoder.encode(new Reply(5, 17, ResultCode.TIMEOUT, "late", Deliver.NO_PAYLOAD), line);
        assertThat(line.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"type\":\"reply\",\"id\":5,\"publisher\":17,\"code\":\"timeout\",\"message\":\"late\"}\n");
        assertThat(textRoundTrip(reply)).usingRecursiveComparison().isEqualTo(reply);
    }

    private static String hex(String spaced) {
        return spaced.replaceAll("\\s+", "");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> orderedHeaders(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Message binaryRoundTrip(Message message, Codec codec) {
        ByteBuf buf = Unpooled.buffer();
        BinaryMessageEncoder.encode(message, codec, buf, Protocol.DEFAULT_MAX_FRAME_SIZE);
        assertThat(buf.readInt()).isEqualTo(buf.readableBytes());
        Message decoded = BinaryMessageDecoder.decode(buf, codec);
        assertThat(buf.isReadable()).isFalse();
        return decoded;
    }

    static Message textRoundTrip(Message message) {
        ByteBuf buf = Unpooled.buffer();
        TextMessageEncoder.encode(message, buf);
        String line = buf.toString(StandardCharsets.UTF_8);
        assertThat(line)
                .startsWith("{\"type\":\"" + message.frameType().textName() + "\"")
                .endsWith("\n");
        return TextMessageDecoder.decode(buf.slice(0, buf.readableBytes() - 1));
    }

    static List<Codec> installedCodecs() {
        return Codec.values();
    }
}
