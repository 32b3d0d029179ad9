package io.switchboard.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.FrameType;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Fetch;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.TicketIssued;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed documents: the req is kept when readable, the message names the field and shows no Java. */
class DocumentErrorsTest {

    @Test
    void aWronglyTypedFieldKeepsTheReqAndNamesTheField() {
        ProtocolException e = text("{\"type\":\"publish\",\"req\":7,\"alias\":\"a\",\"methods\":\"a\"}");
        assertThat(e.req()).isEqualTo(7);
        assertThat(e.deliverId()).isZero();
        assertThat(e.getMessage()).isEqualTo("publish \"methods\" must be an array");

        e = text("{\"type\":\"register\",\"req\":8,\"name\":\"n\",\"endpoints\":\"tcp://h:1\"}");
        assertThat(e.req()).isEqualTo(8);
        assertThat(e.getMessage()).isEqualTo("register \"endpoints\" must be an array");

        e = text("{\"type\":\"publish\",\"req\":9,\"alias\":\"a\",\"methods\":[\"m\",{\"x\":1}]}");
        assertThat(e.req()).isEqualTo(9);
        assertThat(e.getMessage()).isEqualTo("publish \"methods[1]\" must be a string");
    }

    @Test
    void registryMetadataValuesMustBeStrings() {
        String head = "{\"type\":\"register\",\"req\":3,\"name\":\"n\",\"endpoints\":[\"tcp://h:1\"],\"metadata\":";
        ProtocolException e = text(head + "{\"zone\":{\"a\":1}}}");
        assertThat(e.req()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("register \"metadata.zone\" must be a string");
        assertThat(text(head + "{\"zone\":5}}").getMessage()).isEqualTo("register \"metadata.zone\" must be a string");
        assertThat(text(head + "{\"zone\":true}}").getMessage())
                .isEqualTo("register \"metadata.zone\" must be a string");
        Register ok = (Register) TextMessageDecoder.decode(line(head + "{\"zone\":\"eu\"}}"));
        assertThat(ok.metadata()).isEqualTo(Map.of("zone", "eu"));
    }

    @Test
    void helloFieldsOfTheWrongTypeAreRefusedNotConverted() {
        assertThat(text("{\"type\":\"hello\",\"version\":\"1\"}").getMessage())
                .isEqualTo("hello \"version\" must be a whole number (32 bits)");
        assertThat(text("{\"type\":\"hello\",\"version\":1,\"client\":5}").getMessage())
                .isEqualTo("hello \"client\" must be a string");
        assertThat(text("{\"type\":\"hello\",\"version\":1,\"heartbeat_ms\":\"x\"}")
                        .getMessage())
                .isEqualTo("hello \"heartbeat_ms\" must be a whole number (64 bits)");
        assertThat(text("{\"type\":\"hello\",\"version\":1,\"codecs\":\"cbor\"}")
                        .getMessage())
                .isEqualTo("hello \"codecs\" must be an array");
        assertThat(text("{\"type\":\"hello\",\"version\":1,\"credentials\":{\"token\":1}}")
                        .getMessage())
                .isEqualTo("hello \"credentials.token\" must be a string");
        assertThat(((Hello) TextMessageDecoder.decode(line("{\"type\":\"hello\",\"version\":1,\"client\":\"x\"}")))
                        .client())
                .isEqualTo("x");
    }

    @Test
    void binaryDocumentsFollowTheSameRules() {
        Map<String, Object> publish = Map.of("req", 11, "alias", "a", "methods", "a");
        for (Codec codec : Codec.values()) {
            ProtocolException e = binary(FrameType.PUBLISH, codec, publish);
            assertThat(e.req()).as(codec.wireName()).isEqualTo(11);
            assertThat(e.getMessage()).as(codec.wireName()).isEqualTo("publish \"methods\" must be an array");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"req\":0,", "\"req\":-3,", "\"req\":\"7\",", "\"req\":1.5,", "\"req\":null,"})
    void aRequestNeedsAPositiveReq(String req) {
        ProtocolException e = text("{\"type\":\"list\"," + req + "\"x\":1}");
        assertThat(e.req()).isZero();
        assertThat(e.getMessage()).contains("list").contains("\"req\"").contains("1 to 9223372036854775807");
    }

    @Test
    void reqsUpToTwoToThe63MinusOneAreFine() {
        Message list = TextMessageDecoder.decode(line("{\"type\":\"list\",\"req\":9223372036854775807}"));
        assertThat(list).isEqualTo(new io.switchboard.protocol.message.ListSessions(Long.MAX_VALUE));
        assertThat(text("{\"type\":\"list\",\"req\":9223372036854775808}").getMessage())
                .contains("1 to 9223372036854775807");
    }

    @Test
    void noJavaOrJacksonInAnyMessage() {
        String[] lines = {
            "{\"type\":\"publish\",\"req\":1,\"alias\":[1],\"methods\":[\"m\"]}",
            "{\"type\":\"publish\",\"req\":1,\"alias\":\"a\",\"methods\":[\"m\"],\"max_inflight\":\"x\"}",
            "{\"type\":\"publish\",\"req\":1,\"alias\":\"a\",\"methods\":[\"m\"],\"max_inflight\":99999999999}",
            "{\"type\":\"register\",\"req\":1,\"name\":\"n\",\"endpoints\":[\"e\"],\"metadata\":[1]}",
            "{\"type\":\"register\",\"req\":1,\"name\":\"n\",\"endpoints\":[\"e\"],\"ttl_ms\":{}}",
            "{\"type\":\"hello\",\"version\":[1]}",
            "{\"type\":\"fetch\",\"req\":1,\"wait_ms\":0}",
        };
        for (String l : lines) {
            String message = text(l).getMessage();
            assertThat(message)
                    .as(l)
                    .doesNotContain("java.")
                    .doesNotContain("jackson")
                    .doesNotContain("Feature")
                    .doesNotContain("`")
                    .doesNotContain("\n");
        }
    }

    @Test
    void aMalformedFetchWithAReadableReqIsAnsweredUnderItsReq() {
        ProtocolException e = text("{\"type\":\"fetch\",\"req\":5,\"wait_ms\":0,\"ticket\":\"\"}");
        assertThat(e.deliverId()).as("answered by a RESULT with id = req").isEqualTo(5);
        assertThat(e.getMessage()).contains("ticket");

        ByteBuf frame = Unpooled.buffer();
        frame.writeByte(FrameType.FETCH.code()).writeLong(6).writeInt(0).writeByte(0);
        ProtocolException binary = decodeFailure(frame);
        assertThat(binary.deliverId()).isEqualTo(6);

        ByteBuf topBit = Unpooled.buffer();
        topBit.writeByte(FrameType.FETCH.code())
                .writeLong(-1)
                .writeInt(0)
                .writeByte(1)
                .writeByte('t');
        ProtocolException refused = decodeFailure(topBit);
        assertThat(refused.deliverId()).isZero();
        assertThat(refused.getMessage()).contains("FETCH \"req\" must be a whole number from 1 to");
        assertThat(TextMessageDecoder.decode(line("{\"type\":\"fetch\",\"req\":5,\"wait_ms\":0,\"ticket\":\"t\"}")))
                .isEqualTo(new Fetch(5, 0, "t"));
    }

    @Test
    void textIdsAreU64LikeBinaryOnes() {
        Deliver top = (Deliver) TextMessageDecoder.decode(
                line("{\"type\":\"deliver\",\"id\":18446744073709551615,\"alias\":\"a\",\"method\":\"m\"}"));
        assertThat(top.id()).isEqualTo(-1L); // the same 64 bits a binary DELIVER carries
        assertThat(encode(top)).contains("\"id\":18446744073709551615,");
        assertThat(encode(Result.ok(Long.MIN_VALUE, Deliver.NO_PAYLOAD))).contains("\"id\":9223372036854775808,");
        assertThat(encode(new TicketIssued(-2, "t"))).contains("\"id\":18446744073709551614");
        assertThat(encode(new Ping(-1))).contains("\"id\":18446744073709551615");

        Ping ping = (Ping) TextMessageDecoder.decode(line("{\"type\":\"ping\",\"id\":18446744073709551615}"));
        assertThat(ping.id()).isEqualTo(-1L);
        Result result = (Result)
                TextMessageDecoder.decode(line("{\"type\":\"result\",\"id\":9223372036854775808,\"code\":\"ok\"}"));
        assertThat(result.id()).isEqualTo(Long.MIN_VALUE);

        for (String id : new String[] {"-1", "18446744073709551616", "1.5", "\"1\""}) {
            ProtocolException e = text("{\"type\":\"deliver\",\"id\":" + id + ",\"alias\":\"a\",\"method\":\"m\"}");
            assertThat(e.getMessage())
                    .as(id)
                    .isEqualTo("deliver \"id\" must be a whole number from 0 to 18446744073709551615, not " + id);
            assertThat(text("{\"type\":\"pong\",\"id\":" + id + "}").getMessage())
                    .contains("pong \"id\" must be");
        }
    }

    private static String encode(Message message) {
        ByteBuf out = Unpooled.buffer();
        TextMessageEncoder.encode(message, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ByteBuf line(String json) {
        return Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
    }

    private static ProtocolException text(String json) {
        Throwable thrown = catchThrowable(() -> TextMessageDecoder.decode(line(json)));
        assertThat(thrown).as(json).isInstanceOf(ProtocolException.class);
        return (ProtocolException) thrown;
    }

    private static ProtocolException binary(FrameType type, Codec codec, Object document) {
        ByteBuf frame = Unpooled.buffer();
        frame.writeByte(type.code());
        try {
            frame.writeBytes(codec.mapper().writeValueAsBytes(document));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return decodeFailure(frame, codec);
    }

    private static ProtocolException decodeFailure(ByteBuf frame) {
        return decodeFailure(frame, Codec.JSON);
    }

    private static ProtocolException decodeFailure(ByteBuf frame, Codec codec) {
        Throwable thrown = catchThrowable(() -> BinaryMessageDecoder.decode(frame, codec));
        assertThat(thrown).isInstanceOf(ProtocolException.class);
        return (ProtocolException) thrown;
    }

    @Test
    void aPublishOfTheRightShapeStillDecodes() {
        assertThat(TextMessageDecoder.decode(line(
                        "{\"type\":\"publish\",\"req\":1,\"alias\":\"a\",\"methods\":[\"m\"],\"max_inflight\":4}")))
                .isEqualTo(new Publish(1, "a", java.util.List.of("m"), null, 4));
    }

    @Test
    void aMalformedResultWithAReadableIdSaysWhichCallItAnswers() {
        ProtocolException e = text("{\"type\":\"result\",\"id\":12,\"code\":\"maybe\"}");
        assertThat(e.resultId()).isEqualTo(12);
        assertThat(e.deliverId()).isZero();
        assertThat(text("{\"type\":\"result\",\"id\":12,\"code\":\"ok\",\"message\":{}}")
                        .resultId())
                .isEqualTo(12);
        assertThat(text("{\"type\":\"result\",\"code\":\"ok\"}").resultId()).isZero();

        ByteBuf frame = Unpooled.buffer();
        frame.writeByte(FrameType.RESULT.code()).writeLong(13).writeByte(200);
        ProtocolException binary = decodeFailure(frame);
        assertThat(binary.resultId()).isEqualTo(13);
        assertThat(binary.getMessage()).contains("200");
        ByteBuf truncated = Unpooled.buffer();
        truncated.writeByte(FrameType.RESULT.code()).writeLong(14).writeByte(0).writeShort(10);
        assertThat(decodeFailure(truncated).resultId()).isEqualTo(14);
    }

    @Test
    void requiredFieldsAreNamedAndTheReqKept() {
        ProtocolException e = text("{\"type\":\"rescind\",\"req\":3}");
        assertThat(e.req()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("rescind needs \"alias\"");
        assertThat(text("{\"type\":\"publish\",\"req\":1,\"alias\":\"a\",\"methods\":null}")
                        .getMessage())
                .isEqualTo("publish needs \"methods\"");
        assertThat(text("{\"type\":\"unregister\",\"req\":1,\"name\":\"n\"}").getMessage())
                .isEqualTo("unregister needs \"instance\"");
        assertThat(text("{\"type\":\"hello\",\"client\":\"x\"}").getMessage()).isEqualTo("hello needs \"version\"");
        for (FrameType type : FrameType.values()) {
            for (String field : Documents.required(type)) {
                assertThat(field).as(type + " lists only fields of its record").isNotBlank();
            }
        }
    }

    @Test
    void payloadNullIsTheJsonValueNullAndNoPayloadIsNone() {
        Deliver nullPayload = (Deliver) TextMessageDecoder.decode(
                line("{\"type\":\"deliver\",\"id\":1,\"alias\":\"a\",\"method\":\"m\",\"payload\":null}"));
        assertThat(new String(nullPayload.payload(), StandardCharsets.UTF_8)).isEqualTo("null");
        Deliver none = (Deliver)
                TextMessageDecoder.decode(line("{\"type\":\"deliver\",\"id\":1,\"alias\":\"a\",\"method\":\"m\"}"));
        assertThat(none.payload()).isEmpty();
        assertThat(encode(nullPayload)).contains("\"payload\":null");
        assertThat(encode(none)).doesNotContain("payload");
    }
}
