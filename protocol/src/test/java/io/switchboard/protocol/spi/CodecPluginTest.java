package io.switchboard.protocol.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.PayloadTranscoder;
import io.switchboard.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecPluginTest {

    private static final Codec TREE = Codec.forName("tree-json").orElseThrow();

    @Test
    void providersOnTheClassPathAreInstalledAfterTheBuiltIns() {
        assertThat(Codec.values())
                .startsWith(Codec.JSON, Codec.CBOR, Codec.SMILE)
                .contains(TREE);
        assertThat(Codec.names()).startsWith("json", "cbor", "smile").contains("tree-json");
        assertThat(TREE.wireName()).isEqualTo("tree-json");
        assertThat(TREE.name()).isEqualTo("TREE-JSON");
        assertThat(Codec.valueOf("TREE-json")).isSameAs(TREE);
        assertThat(Codec.valueOf("cbor")).isSameAs(Codec.CBOR);
    }

    @Test
    void anInstalledPluginIsChosenInItsPlaceAndAnUnknownNameIsNot() {
        assertThat(Codec.choose(List.of("yaml", "tree-json", "json"))).contains(TREE);
        assertThat(Codec.choose(List.of("yaml"))).isEmpty();
        assertThat(Codec.forName("yaml")).isEmpty();
        assertThatThrownBy(() -> Codec.valueOf("yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no codec 'yaml' is installed")
                .hasMessageContaining("tree-json");
    }

    @Test
    void theProtocolMapperOfAPluginHasTheProtocolSettings() throws Exception {
        record Sample(long maxInflight, String absent) {}
        assertThat(TREE.mapper().writeValueAsString(new Sample(3, null))).isEqualTo("{\"max_inflight\":3}");
    }

    @Test
    void aPluginThatIsNoTokenStreamIsTranscodedAsAWholeDocumentBothWays() {
        byte[] cbor = PayloadTranscoder.transcode(utf8("{\"a\":[1,true,null]}"), Codec.JSON, Codec.CBOR);

        byte[] tree = PayloadTranscoder.transcode(cbor, Codec.CBOR, TREE);
        assertThat(new String(tree, StandardCharsets.UTF_8)).isEqualTo("{\"doc\":{\"a\":[1,true,null]}}");

        byte[] json = PayloadTranscoder.transcode(tree, TREE, Codec.JSON);
        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"a\":[1,true,null]}");
    }

    @Test
    void aPayloadThePluginCannotReadIsBadRequestNamingTheCodec() {
        assertThatThrownBy(() -> PayloadTranscoder.transcode(utf8("{\"no\":1}"), TREE, Codec.JSON))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageStartingWith("payload is not valid tree-json: ");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
