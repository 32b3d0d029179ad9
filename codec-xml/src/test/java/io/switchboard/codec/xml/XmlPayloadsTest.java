package io.switchboard.codec.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.PayloadTranscoder;
import io.switchboard.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What payloads look like in XML, and what they become when the server transcodes them to and from XML. */
class XmlPayloadsTest {

    private static final Codec XML = Codec.forName("xml").orElseThrow();

    @Test
    void xmlIsInstalledFromTheClassPathAfterTheBuiltIns() {
        assertThat(Codec.values()).containsExactly(Codec.JSON, Codec.CBOR, Codec.SMILE, XML);
        assertThat(Codec.valueOf("XML")).isSameAs(XML);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`{\"n\":5,\"d\":1.5,\"b\":true,\"s\":\"x\",\"z\":null}`"
                        + "|`<payload><n>5</n><d>1.5</d><b>true</b><s>x</s><z xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/></payload>`"
                        + "|`{\"n\":\"5\",\"d\":\"1.5\",\"b\":\"true\",\"s\":\"x\",\"z\":null}`",
                "`{\"l\":[1,2],\"o\":{\"k\":\"v\"}}`"
                        + "|`<payload><l>1</l><l>2</l><o><k>v</k></o></payload>`"
                        + "|`{\"l\":[\"1\",\"2\"],\"o\":{\"k\":\"v\"}}`",
                "`\"hi\"`|`<payload>hi</payload>`|`\"hi\"`",
                "`42`|`<payload>42</payload>`|`\"42\"`",
                "`null`|`<payload xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:nil=\"true\"/>`|`null`",
                "`[1,\"a\"]`|`<payload><item>1</item><item>a</item></payload>`|`{\"item\":[\"1\",\"a\"]}`",
                "`{\"one\":[7],\"none\":[],\"empty\":{},\"blank\":\"\"}`"
                        + "|`<payload><one>7</one><empty/><blank></blank></payload>`"
                        + "|`{\"one\":\"7\",\"empty\":\"\",\"blank\":\"\"}`",
                "`{\"a b\":1}`|`<payload><base64_tag_YSBi>1</base64_tag_YSBi></payload>`|`{\"a b\":\"1\"}`",
            })
    void jsonToXmlAndBack(String json, String xml, String backInJson) {
        byte[] asXml = PayloadTranscoder.transcode(utf8(json), Codec.JSON, XML);
        assertThat(text(asXml)).isEqualTo(xml);
        assertThat(text(PayloadTranscoder.transcode(asXml, XML, Codec.JSON))).isEqualTo(backInJson);
    }

    @Test
    void cborToXmlToCborKeepsStructureAndTextAsTheXmlToJsonPathDoes() {
        byte[] cbor = PayloadTranscoder.transcode(
                utf8("{\"sku\":\"A-1\",\"qty\":3,\"tags\":[\"x\",\"y\"],\"gift\":false}"), Codec.JSON, Codec.CBOR);
        byte[] xml = PayloadTranscoder.transcode(cbor, Codec.CBOR, XML);
        assertThat(text(xml))
                .isEqualTo(
                        "<payload><sku>A-1</sku><qty>3</qty><tags>x</tags><tags>y</tags><gift>false</gift></payload>");
        byte[] back = PayloadTranscoder.transcode(xml, XML, Codec.CBOR);
        assertThat(text(PayloadTranscoder.transcode(back, Codec.CBOR, Codec.JSON)))
                .isEqualTo("{\"sku\":\"A-1\",\"qty\":\"3\",\"tags\":[\"x\",\"y\"],\"gift\":\"false\"}");
    }

    @Test
    void theRootElementsNameAndAttributesAreReadAsAnXmlPeerWritesThem() {
        byte[] fromAnXmlPeer = utf8("<?xml version=\"1.0\"?><Order id=\"7\"><sku>A-1</sku></Order>");
        assertThat(text(PayloadTranscoder.transcode(fromAnXmlPeer, XML, Codec.JSON)))
                .isEqualTo("{\"id\":\"7\",\"sku\":\"A-1\"}");
    }

    @Test
    void aPayloadThatIsNotXmlIsBadRequestNamingTheCodec() {
        assertThatThrownBy(() -> PayloadTranscoder.transcode(utf8("{\"json\":1}"), XML, Codec.JSON))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageStartingWith("payload is not valid xml: ");
        assertThatThrownBy(() -> PayloadTranscoder.transcode(utf8("<a>1</a><b>2</b>"), XML, Codec.JSON))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("payload is not valid xml: ");
    }

    @Test
    void anEncodedElementNameThatIsNoBase64IsBadRequest() {
        // Found by XmlCodecFuzzTest: Jackson's name decoder throws IllegalArgumentException for it.
        assertThatThrownBy(() -> PayloadTranscoder.transcode(
                        utf8("<payload><base64_tag_a>1</base64_tag_a></payload>"), XML, Codec.JSON))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageStartingWith("payload is not valid xml: ");
    }

    @Test
    void aSmilePayloadCutShortByItsEndMarkerIsBadRequestNotATruncatedDocument() {
        // Found by XmlCodecFuzzTest: the Smile parser takes 0xFF (end of content) inside an array as a quiet end.
        byte[] smile = PayloadTranscoder.transcode(utf8("[1,[2,3]]"), Codec.JSON, Codec.SMILE);
        byte[] cut = java.util.Arrays.copyOf(smile, smile.length - 1);
        cut[cut.length - 1] = (byte) 0xFF;
        for (Codec to : java.util.List.of(Codec.JSON, Codec.CBOR)) {
            assertThatThrownBy(() -> PayloadTranscoder.transcode(cut, Codec.SMILE, to))
                    .isInstanceOfSatisfying(
                            ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST))
                    .hasMessageStartingWith("payload ");
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
