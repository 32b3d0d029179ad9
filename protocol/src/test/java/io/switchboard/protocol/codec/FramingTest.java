package io.switchboard.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Result;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Frames as a peer's socket delivers them: split, joined, truncated, oversize and malformed. */
class FramingTest {

    private static final int MAX = 1024;

    private final ConnectionCodec codec = new ConnectionCodec();
    private final EmbeddedChannel binary = new EmbeddedChannel(
            new BinaryFrameDecoder(MAX), new BinaryMessageDecoder(codec), new BinaryMessageEncoder(codec, MAX));
    private final EmbeddedChannel text =
            new EmbeddedChannel(new TextLineDecoder(MAX), new TextMessageDecoder(), new TextMessageEncoder());

    @Test
    void framesSplitAcrossReadsAndJoinedInOneReadAllArrive() {
        ByteBuf wire = Unpooled.buffer();
        BinaryMessageEncoder.encode(new Ping(1), Codec.JSON, wire, MAX);
        BinaryMessageEncoder.encode(new Deliver(2, "echo", "say", 100, bytes("[1,2]")), Codec.JSON, wire, MAX);
        BinaryMessageEncoder.encode(new Ping(3), Codec.JSON, wire, MAX);

        // One byte per read: the decoder must reassemble every frame.
        while (wire.isReadable()) {
            binary.writeInbound(wire.readRetainedSlice(1));
        }
        assertThat(((Ping) binary.readInbound()).id()).isEqualTo(1);
        assertThat(((Deliver) binary.readInbound()).id()).isEqualTo(2);
        assertThat(((Ping) binary.readInbound()).id()).isEqualTo(3);
        assertThat((Object) binary.readInbound()).isNull();
    }

    @Test
    void aTruncatedStreamYieldsNothingUntilTheRestArrives() {
        ByteBuf wire = Unpooled.buffer();
        BinaryMessageEncoder.encode(new Ping(7), Codec.JSON, wire, MAX);
        binary.writeInbound(wire.readRetainedSlice(wire.readableBytes() - 1));
        assertThat((Object) binary.readInbound()).isNull();
        binary.writeInbound(wire);
        assertThat(((Ping) binary.readInbound()).id()).isEqualTo(7);
    }

    @Test
    void anOversizeLengthIsRefusedFromThePrefixAlone() {
        ByteBuf prefix = Unpooled.buffer().writeInt(MAX + 1).writeByte(0x04);
        assertThatThrownBy(() -> binary.writeInbound(prefix))
                .satisfies(e -> assertThat(ProtocolException.find(e)).hasValueSatisfying(pe -> {
                    assertThat(pe.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
                    assertThat(pe.isFatal()).isTrue();
                }));
    }

    @Test
    void nothingAfterAnOversizeFrameIsDecodedTheConnectionIsClosing() {
        ByteBuf wire = Unpooled.buffer().writeInt(MAX + 1).writeByte(0x04).writeZero(MAX);
        BinaryMessageEncoder.encode(new Ping(2), Codec.JSON, wire, MAX);
        assertThatThrownBy(() -> binary.writeInbound(wire))
                .satisfies(
                        e -> assertThat(ProtocolException.find(e).orElseThrow().code())
                                .isEqualTo(ErrorCode.FRAME_TOO_LARGE));
        ByteBuf later = Unpooled.buffer();
        BinaryMessageEncoder.encode(new Ping(3), Codec.JSON, later, MAX);
        binary.writeInbound(later);
        assertThat((Object) binary.readInbound()).isNull();
    }

    @Test
    void aLengthWithTheTopBitSetIsOversizeNotNegative() {
        ByteBuf prefix = Unpooled.buffer().writeInt(0xFFFF_FFF0);
        assertThatThrownBy(() -> binary.writeInbound(prefix))
                .satisfies(
                        e -> assertThat(ProtocolException.find(e).orElseThrow().code())
                                .isEqualTo(ErrorCode.FRAME_TOO_LARGE));
    }

    @Test
    void aMalformedFrameIsNotFatalAndTheNextFrameStillDecodes() {
        ByteBuf wire = Unpooled.buffer();
        wire.writeInt(2).writeByte(0x7F).writeByte(0); // unknown type 0x7F
        BinaryMessageEncoder.encode(new Ping(9), Codec.JSON, wire, MAX);

        assertThatThrownBy(() -> binary.writeInbound(wire))
                .satisfies(e -> assertThat(ProtocolException.find(e)).hasValueSatisfying(pe -> {
                    assertThat(pe.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(pe.isFatal()).isFalse();
                    assertThat(pe.getMessage()).contains("unknown frame type 0x7f");
                }));
        assertThat(((Ping) binary.readInbound()).id()).isEqualTo(9);
    }

    @Test
    void aTruncatedDeliverBodyNamesTheFieldAndKeepsTheIdForTheResult() {
        ByteBuf body = Unpooled.buffer()
                .writeByte(0x20)
                .writeLong(77)
                .writeInt(1000)
                .writeByte(0)
                .writeByte(10)
                .writeBytes(bytes("ech")); // alias claims 10 bytes, has 3
        ProtocolException e = decodeFailure(body);
        assertThat(e.deliverId()).isEqualTo(77);
        assertThat(e.getMessage()).contains("truncated DELIVER").contains("alias");
    }

    @Test
    void undefinedDeliverFlagsAreRefused() {
        ByteBuf body =
                Unpooled.buffer().writeByte(0x20).writeLong(5).writeInt(1000).writeByte(0x80);
        ProtocolException e = decodeFailure(body);
        assertThat(e.deliverId()).isEqualTo(5);
        assertThat(e.getMessage()).contains("flags");
    }

    @Test
    void reservedFlagBitsAreRefusedEvenBesideMeta() {
        ByteBuf body =
                Unpooled.buffer().writeByte(0x20).writeLong(6).writeInt(1000).writeByte(0x3f);
        ProtocolException e = decodeFailure(body);
        assertThat(e.deliverId()).isEqualTo(6);
        assertThat(e.getMessage()).isEqualTo("DELIVER flags 0x3f: bits 0x20 are not defined in this protocol version");
    }

    @Test
    void fetchAndTicketFramesAreCheckedFieldByField() {
        ProtocolException truncated =
                decodeFailure(Unpooled.buffer().writeByte(0x23).writeLong(3).writeShort(0));
        assertThat(truncated.getMessage()).isEqualTo("truncated FETCH frame: wait_ms needs 4 bytes, 2 left");
        ProtocolException empty = decodeFailure(
                Unpooled.buffer().writeByte(0x23).writeLong(3).writeInt(0).writeByte(0));
        assertThat(empty.getMessage()).isEqualTo("FETCH needs a non-empty \"ticket\"");
        ProtocolException trailing = decodeFailure(Unpooled.buffer()
                .writeByte(0x22)
                .writeLong(3)
                .writeByte(1)
                .writeByte('t')
                .writeByte(0));
        assertThat(trailing.getMessage()).isEqualTo("TICKET frame has 1 bytes after its ticket");
    }

    @Test
    void aMetaFlagWithoutMetaIsATruncatedFrame() {
        ProtocolException e = decodeFailure(deliverHead(21, Deliver.FLAG_META));
        assertThat(e.deliverId()).isEqualTo(21);
        assertThat(e.getMessage()).isEqualTo("truncated DELIVER frame: caller needs 1 bytes, 0 left");
    }

    @Test
    void aHeaderCountBeyondTheHeadersPresentIsATruncatedFrame() {
        ByteBuf body = deliverHead(22, Deliver.FLAG_META)
                .writeByte(1)
                .writeBytes(bytes("c"))
                .writeByte(3) // three headers announced, one present
                .writeByte(1)
                .writeBytes(bytes("k"))
                .writeShort(1)
                .writeBytes(bytes("v"));
        ProtocolException e = decodeFailure(body);
        assertThat(e.deliverId()).isEqualTo(22);
        assertThat(e.getMessage()).isEqualTo("truncated DELIVER frame: header name needs 1 bytes, 0 left");
    }

    @Test
    void aHeaderValueLongerThanTheFrameIsATruncatedFrame() {
        ByteBuf body = deliverHead(23, Deliver.FLAG_META)
                .writeByte(0)
                .writeByte(1)
                .writeByte(1)
                .writeBytes(bytes("k"))
                .writeShort(0xFFFF)
                .writeBytes(bytes("short"));
        ProtocolException e = decodeFailure(body);
        assertThat(e.deliverId()).isEqualTo(23);
        assertThat(e.getMessage()).isEqualTo("truncated DELIVER frame: header value needs 65535 bytes, 5 left");
    }

    @Test
    void emptyAndRepeatedHeaderNamesAreRefused() {
        ByteBuf empty = deliverHead(24, Deliver.FLAG_META)
                .writeByte(0)
                .writeByte(2)
                .writeByte(1)
                .writeBytes(bytes("k"))
                .writeShort(0)
                .writeByte(0)
                .writeShort(0);
        assertThat(decodeFailure(empty).getMessage()).isEqualTo("DELIVER header 2 of 2 has an empty name");
        ByteBuf twice = deliverHead(25, Deliver.FLAG_META)
                .writeByte(0)
                .writeByte(2)
                .writeByte(1)
                .writeBytes(bytes("k"))
                .writeShort(1)
                .writeBytes(bytes("1"))
                .writeByte(1)
                .writeBytes(bytes("k"))
                .writeShort(1)
                .writeBytes(bytes("2"));
        ProtocolException e = decodeFailure(twice);
        assertThat(e.deliverId()).isEqualTo(25);
        assertThat(e.getMessage()).isEqualTo("DELIVER header 'k' appears twice");
    }

    @Test
    void afterAMalformedMetaTheNextFrameStillDecodes() {
        ByteBuf wire = Unpooled.buffer();
        ByteBuf bad = deliverHead(26, Deliver.FLAG_META).writeByte(0).writeByte(5);
        wire.writeInt(bad.readableBytes()).writeBytes(bad);
        BinaryMessageEncoder.encode(
                new Deliver(27, "echo", "say", 100, CallMeta.headers(java.util.Map.of("k", "v")), bytes("1")),
                Codec.JSON,
                wire,
                MAX);
        assertThatThrownBy(() -> binary.writeInbound(wire))
                .satisfies(
                        e -> assertThat(ProtocolException.find(e).orElseThrow().deliverId())
                                .isEqualTo(26));
        Deliver next = binary.readInbound();
        assertThat(next.id()).isEqualTo(27);
        assertThat(next.meta().headers()).containsEntry("k", "v");
    }

    @Test
    void textModeExplainsWhatIsWrongWithCallerAndHeaders() {
        String head = "{\"type\":\"deliver\",\"id\":31,\"alias\":\"a\",\"method\":\"m\",";
        assertThat(textException(head + "\"caller\":7}").deliverId()).isEqualTo(31);
        assertThat(textFailure(head + "\"caller\":7}")).isEqualTo("deliver \"caller\" must be a string");
        assertThat(textFailure(head + "\"headers\":[\"k\",\"v\"]}"))
                .isEqualTo("deliver \"headers\" must be an object of strings, like {\"name\":\"value\"}");
        assertThat(textFailure(head + "\"headers\":{\"k\":1}}"))
                .isEqualTo("deliver header \"k\" must have a string value");
        assertThat(textFailure(head + "\"headers\":{\"\":\"v\"}}"))
                .isEqualTo("deliver a header name must not be empty");
        assertThat(textFailure(head + "\"headers\":{\"" + "n".repeat(256) + "\":\"v\"}}"))
                .contains("256 UTF-8 bytes; the most is 255");
        assertThat(textFailure(head + "\"caller\":\"" + "c".repeat(256) + "\"}"))
                .startsWith("deliver caller name")
                .contains("the most is 255");
        StringBuilder many = new StringBuilder(head + "\"headers\":{");
        for (int i = 0; i < 256; i++) {
            many.append(i == 0 ? "" : ",").append("\"h").append(i).append("\":\"\"");
        }
        assertThat(textFailure(many + "}}")).isEqualTo("deliver 256 headers; the most is 255");
    }

    @Test
    void anEncoderNeverWritesMetaItCannotFrame() {
        Deliver big = new Deliver(1, "echo", "say", 0, CallMeta.headers(java.util.Map.of("k", "v".repeat(MAX))), null);
        assertThatThrownBy(() -> BinaryMessageEncoder.encode(big, Codec.JSON, Unpooled.buffer(), MAX))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("exceeds the peer's maximum");
    }

    /** Type, id, timeout and flags of a DELIVER, then alias "a" and method "m". */
    private static ByteBuf deliverHead(long id, int flags) {
        return Unpooled.buffer()
                .writeByte(0x20)
                .writeLong(id)
                .writeInt(1000)
                .writeByte(flags)
                .writeByte(1)
                .writeBytes(bytes("a"))
                .writeByte(1)
                .writeBytes(bytes("m"));
    }

    @Test
    void emptyFramesAndFramesWithTrailingBytesAreRefused() {
        assertThat(decodeFailure(Unpooled.buffer()).getMessage()).contains("empty frame");
        ByteBuf ping = Unpooled.buffer().writeByte(0x04).writeLong(1).writeByte(9);
        assertThat(decodeFailure(ping).getMessage()).contains("after its id");
    }

    @Test
    void anUnknownResultCodeIsRefused() {
        ByteBuf body =
                Unpooled.buffer().writeByte(0x21).writeLong(1).writeByte(200).writeShort(0);
        assertThat(decodeFailure(body).getMessage()).contains("unknown result code 200");
    }

    @Test
    void aControlDocumentInTheWrongCodecIsABadRequest() {
        ByteBuf body = Unpooled.buffer().writeByte(0x10).writeBytes(bytes("{not json"));
        ProtocolException e = decodeFailure(body);
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.getMessage()).startsWith("malformed PUBLISH body (json)");
    }

    @Test
    void theEncoderRefusesAFrameOverThePeersLimit() {
        Deliver huge = new Deliver(1, "echo", "say", 0, new byte[MAX]);
        ByteBuf out = Unpooled.buffer();
        assertThatThrownBy(() -> BinaryMessageEncoder.encode(huge, Codec.JSON, out, MAX))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("exceeds the peer's maximum");
        assertThat(out.writerIndex()).isZero();
    }

    @Test
    void anOverlongNameIsRefusedWhenEncoding() {
        Deliver deliver = new Deliver(1, "a".repeat(256), "say", 0, new byte[0]);
        assertThatThrownBy(() -> BinaryMessageEncoder.encode(deliver, Codec.JSON, Unpooled.buffer(), MAX))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("alias is longer than 255");
    }

    @Test
    void textModeSkipsBlankLinesAndReportsGarbageWithoutLosingTheNextLine() {
        text.writeInbound(Unpooled.copiedBuffer("\r\n  \n{oops\n{\"type\":\"ping\",\"id\":4}\n", StandardCharsets.UTF_8)
                .readRetainedSlice(3)); // "\r\n " : blank line only
        assertThat((Object) text.readInbound()).isNull();
        assertThatThrownBy(() -> text.writeInbound(
                        Unpooled.copiedBuffer(" \n{oops\n{\"type\":\"ping\",\"id\":4}\n", StandardCharsets.UTF_8)))
                .satisfies(
                        e -> assertThat(ProtocolException.find(e).orElseThrow().getMessage())
                                .startsWith("line is not JSON"));
        assertThat(((Ping) text.readInbound()).id()).isEqualTo(4);
    }

    @Test
    void textModeExplainsWhatALineLacks() {
        assertThat(textFailure("[1,2]")).contains("must be a JSON object");
        assertThat(textFailure("{\"id\":1}")).contains("no \"type\"");
        assertThat(textFailure("{\"type\":\"teleport\"}")).contains("unknown type \"teleport\"");
        assertThat(textFailure("{\"type\":\"deliver\",\"alias\":\"a\",\"method\":\"m\"}"))
                .contains("needs \"id\", a whole number from 0 to 18446744073709551615");
        assertThat(textFailure("{\"type\":\"deliver\",\"id\":1,\"method\":\"m\"}"))
                .contains("string \"alias\"");
        assertThat(textFailure("{\"type\":\"deliver\",\"id\":1,\"alias\":\"a\",\"method\":\"m\",\"timeout_ms\":-5}"))
                .contains("timeout_ms");
        assertThat(textFailure("{\"type\":\"result\",\"id\":1,\"code\":\"maybe\"}"))
                .contains("unknown result code");
    }

    @Test
    void aMalformedTextDeliverKeepsItsIdForTheResult() {
        ProtocolException e = textException("{\"type\":\"deliver\",\"id\":12,\"alias\":\"a\"}");
        assertThat(e.deliverId()).isEqualTo(12);
    }

    @Test
    void anOverlongLineIsFatal() {
        String line = "{\"type\":\"ping\",\"id\":1,\"pad\":\"" + "x".repeat(MAX) + "\"}\n";
        assertThatThrownBy(() -> text.writeInbound(Unpooled.copiedBuffer(line, StandardCharsets.UTF_8)))
                .satisfies(e -> assertThat(ProtocolException.find(e)).hasValueSatisfying(pe -> {
                    assertThat(pe.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
                    assertThat(pe.isFatal()).isTrue();
                }));
    }

    @Test
    void textModeTreatsMissingPayloadAsEmptyAndNullPayloadAsJsonNull() {
        Deliver none = (Deliver) decodeText("{\"type\":\"deliver\",\"id\":1,\"alias\":\"a\",\"method\":\"m\"}");
        assertThat(none.payload()).isEmpty();
        Deliver nul = (Deliver)
                decodeText("{\"type\":\"deliver\",\"id\":1,\"alias\":\"a\",\"method\":\"m\",\"payload\":null}");
        assertThat(new String(nul.payload(), StandardCharsets.UTF_8)).isEqualTo("null");
        Result result = (Result) decodeText("{\"type\":\"result\",\"id\":1,\"code\":\"timeout\",\"message\":\"late\"}");
        assertThat(result.code()).isEqualTo(ResultCode.TIMEOUT);
        assertThat(result.message()).isEqualTo("late");
    }

    private static ProtocolException decodeFailure(ByteBuf frame) {
        try {
            BinaryMessageDecoder.decode(frame, Codec.JSON);
        } catch (ProtocolException e) {
            assertThat(e.isFatal()).isFalse();
            return e;
        }
        throw new AssertionError("frame decoded although it is malformed");
    }

    private static Message decodeText(String line) {
        return TextMessageDecoder.decode(Unpooled.copiedBuffer(line, StandardCharsets.UTF_8));
    }

    private static String textFailure(String line) {
        return textException(line).getMessage();
    }

    private static ProtocolException textException(String line) {
        try {
            decodeText(line);
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("line decoded although it is malformed: " + line);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
