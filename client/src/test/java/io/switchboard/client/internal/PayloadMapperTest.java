package io.switchboard.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SwitchboardException;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.PayloadTranscoder;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PayloadMapperTest {

    record Point(int x, int y, String label) {}

    public static class Bean {
        public String name;
        public List<Integer> values;
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void recordsRoundTrip(Codec codec) {
        PayloadMapper m = PayloadMapper.create(codec, null);
        Point p = new Point(3, -4, "é");
        assertThat(m.decode(m.encode(p), Point.class)).isEqualTo(p);
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void pojosRoundTrip(Codec codec) {
        PayloadMapper m = PayloadMapper.create(codec, null);
        Bean b = new Bean();
        b.name = "n";
        b.values = List.of(1, 2, 3);
        Bean back = m.decode(m.encode(b), Bean.class);
        assertThat(back.name).isEqualTo("n");
        assertThat(back.values).containsExactly(1, 2, 3);
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void treesRoundTrip(Codec codec) {
        PayloadMapper m = PayloadMapper.create(codec, null);
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("a", 1).put("b", "two");
        tree.putArray("c").add(true).addNull();
        byte[] bytes = m.encode(tree);
        assertThat(m.decode(bytes, JsonNode.class)).isEqualTo(tree);
        assertThat(m.tree(bytes)).isEqualTo(tree);
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void byteArraysAreBinaryValues(Codec codec) {
        PayloadMapper m = PayloadMapper.create(codec, null);
        byte[] data = {0, 1, 2, (byte) 255, 127};
        byte[] encoded = m.encode(data);
        assertThat(m.decode(encoded, byte[].class)).containsExactly(data);
        if (codec == Codec.CBOR) {
            // CBOR carries bytes natively: the document is barely larger than the data.
            assertThat(encoded.length).isLessThan(data.length + 4);
        }
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void rawPayloadPassesThroughBothWays(Codec codec) {
        PayloadMapper m = PayloadMapper.create(codec, null);
        byte[] preEncoded = m.encode(Map.of("k", "v"));
        assertThat(m.encode(RawPayload.of(preEncoded))).isSameAs(preEncoded);
        assertThat(m.decode(preEncoded, RawPayload.class).bytes()).isSameAs(preEncoded);
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void nullAndVoidMeanEmptyPayload(Codec codec) {
        PayloadMapper m = PayloadMapper.create(codec, null);
        assertThat(m.encode(null)).isEmpty();
        assertThat(m.decode(new byte[0], Point.class)).isNull();
        assertThat(m.decode(m.encode("ignored"), Void.class)).isNull();
        assertThat(m.tree(new byte[0]).isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void payloadsSurviveTranscodingToEveryOtherCodec(Codec codec) {
        PayloadMapper from = PayloadMapper.create(codec, null);
        Point p = new Point(1, 2, "x");
        for (Codec to : Codec.values()) {
            byte[] moved = PayloadTranscoder.transcode(from.encode(p), codec, to);
            assertThat(PayloadMapper.create(to, null).decode(moved, Point.class))
                    .isEqualTo(p);
        }
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void customizerConfiguresEveryCodec(Codec codec) {
        PayloadMapper m =
                PayloadMapper.create(codec, null, b -> b.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
        record Named(String firstName) {}
        JsonNode tree = m.tree(m.encode(new Named("Ada")));
        assertThat(tree.get("first_name").asText()).isEqualTo("Ada");
        assertThat(m.codec()).isEqualTo(codec);
    }

    @org.junit.jupiter.api.Test
    void readyMapperIsUsedForItsOwnFormatOnly() {
        JsonMapper snake = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build();
        record Named(String firstName) {}
        PayloadMapper json = PayloadMapper.create(Codec.JSON, snake);
        assertThat(json.tree(json.encode(new Named("Ada"))).has("first_name")).isTrue();
        PayloadMapper cbor = PayloadMapper.create(Codec.CBOR, snake);
        assertThat(cbor.tree(cbor.encode(new Named("Ada"))).has("firstName")).isTrue();
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void genericTypesDecodeWithTheirElementTypes(Codec codec) {
        PayloadMapper m = PayloadMapper.create(codec, null);
        List<Point> points = List.of(new Point(1, 2, "a"), new Point(3, 4, "b"));
        Type listOfPoints = new TypeReference<List<Point>>() {}.getType();
        List<Point> back = m.decode(m.encode(points), listOfPoints);
        assertThat(back).containsExactlyElementsOf(points);
        assertThat(back.get(0)).isInstanceOf(Point.class);

        Type mapOfLists = new TypeReference<Map<String, List<Long>>>() {}.getType();
        Map<String, List<Long>> map = m.decode(m.encode(Map.of("k", List.of(1L, 2L))), mapOfLists);
        assertThat(map.get("k")).containsExactly(1L, 2L);
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void aPlainClassGivenAsATypeBehavesAsTheClassOverload(Codec codec) {
        PayloadMapper m = PayloadMapper.create(codec, null);
        byte[] bytes = m.encode(new Point(1, 2, "a"));
        assertThat(m.<Point>decode(bytes, (Type) Point.class)).isEqualTo(new Point(1, 2, "a"));
        assertThat(m.<RawPayload>decode(bytes, (Type) RawPayload.class).bytes()).isSameAs(bytes);
        assertThat(m.<Object>decode(bytes, (Type) Void.class)).isNull();
        assertThat(m.<List<Point>>decode(new byte[0], new TypeReference<List<Point>>() {}.getType()))
                .isNull();
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void undecodableGenericPayloadIsAClearError(Codec codec) {
        PayloadMapper m = PayloadMapper.create(codec, null);
        Type listOfPoints = new TypeReference<List<Point>>() {}.getType();
        assertThatThrownBy(() -> m.decode(m.encode(List.of("text")), listOfPoints))
                .isInstanceOf(SwitchboardException.class)
                .hasMessageContaining(codec.wireName())
                .hasMessageContaining("java.util.List<" + Point.class.getName() + ">");
    }

    @ParameterizedTest
    @MethodSource("installedCodecs")
    void undecodablePayloadIsAClearError(Codec codec) {
        PayloadMapper m = PayloadMapper.create(codec, null);
        assertThatThrownBy(() -> m.decode(m.encode("text"), Point.class))
                .isInstanceOf(SwitchboardException.class)
                .hasMessageContaining(codec.wireName())
                .hasMessageContaining(Point.class.getName());
    }

    static List<Codec> installedCodecs() {
        return Codec.values();
    }
}
