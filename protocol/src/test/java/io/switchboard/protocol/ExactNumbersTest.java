package io.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * W10: numbers keep their exact value through transcoding, JSON to CBOR and Smile and back, and JSON compacted for a
 * text-mode peer keeps each number's very text. A NaN or infinity, which JSON cannot carry, is refused.
 */
class ExactNumbersTest {

    private static final List<String> NUMBERS = List.of(
            "1e400",
            "12345678901234567890.123456789",
            "0.1000000000000000000001",
            "1E+2",
            "2.5",
            "-0.0",
            "123456789012345678901234567890");

    @ParameterizedTest
    @ValueSource(strings = {"cbor", "smile"})
    void jsonNumbersSurviveABinaryCodecBothWays(String codecName) throws Exception {
        Codec binary = Codec.forName(codecName).orElseThrow();
        for (String number : NUMBERS) {
            byte[] json = ("{\"n\":" + number + ",\"list\":[" + number + "]}").getBytes(StandardCharsets.UTF_8);
            byte[] there = PayloadTranscoder.transcode(json, Codec.JSON, binary);
            JsonNode read =
                    PayloadTranscoder.exactJson().readTree(PayloadTranscoder.transcode(there, binary, Codec.JSON));
            assertThat(new BigDecimal(read.get("n").asText()))
                    .as(number + " through " + codecName)
                    .isEqualByComparingTo(new BigDecimal(number));
            assertThat(new BigDecimal(read.get("list").get(0).asText())).isEqualByComparingTo(new BigDecimal(number));
            // Read in the binary codec itself, the value is the same number too.
            JsonNode inBinary = binary.mapper().readTree(there);
            assertThat(inBinary.get("n").decimalValue()).isEqualByComparingTo(new BigDecimal(number));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cbor", "smile"})
    void binaryDoublesStayThemselves(String codecName) throws Exception {
        Codec binary = Codec.forName(codecName).orElseThrow();
        byte[] there = binary.mapper().writeValueAsBytes(List.of(0.1, 1.0e300, 2.5f));
        String json = new String(PayloadTranscoder.transcode(there, binary, Codec.JSON), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("[0.1,1.0E300,2.5]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cbor", "smile"})
    void aNanOrInfinityForJsonIsRefusedSayingWhy(String codecName) throws Exception {
        Codec binary = Codec.forName(codecName).orElseThrow();
        byte[] there = binary.mapper().writeValueAsBytes(List.of(Double.POSITIVE_INFINITY));
        assertThatThrownBy(() -> PayloadTranscoder.transcode(there, binary, Codec.JSON))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("JSON cannot carry")
                .extracting(e -> ((ProtocolException) e).code())
                .isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @org.junit.jupiter.api.Test
    void compactedJsonKeepsEveryNumbersText() {
        for (String number : NUMBERS) {
            byte[] pretty = ("{\n  \"n\" : " + number + "\n}").getBytes(StandardCharsets.UTF_8);
            assertThat(new String(PayloadTranscoder.compactJson(pretty), StandardCharsets.UTF_8))
                    .isEqualTo("{\"n\":" + number + "}");
        }
    }

    @org.junit.jupiter.api.Test
    void textLinesKeepTheExactValue() throws Exception {
        for (String number : NUMBERS) {
            String line = "{\"type\":\"deliver\",\"id\":1,\"alias\":\"a\",\"method\":\"m\",\"payload\":" + number + "}";
            io.switchboard.protocol.message.Deliver deliver =
                    (io.switchboard.protocol.message.Deliver) io.switchboard.protocol.codec.TextMessageDecoder.decode(
                            io.netty.buffer.Unpooled.wrappedBuffer(line.getBytes(StandardCharsets.UTF_8)));
            assertThat(new BigDecimal(new String(deliver.payload(), StandardCharsets.UTF_8)))
                    .as(number)
                    .isEqualByComparingTo(new BigDecimal(number));
        }
    }
}
