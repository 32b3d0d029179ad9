package io.switchboard.codec.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.PayloadTranscoder;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.codec.BinaryMessageDecoder;
import io.switchboard.protocol.message.Message;
import java.util.Arrays;
import java.util.List;

/**
 * The codec the protocol module cannot fuzz itself, as the server uses it: any frame body decoded in {@code xml}, and
 * any payload transcoded between any two codecs (xml included). Both either work or fail with {@code bad-request},
 * never another exception; a transcoded payload is a valid document of its codec.
 *
 * <p>Seeds: {@code src/test/resources/io/switchboard/codec/xml/XmlCodecFuzzTestInputs/<method>/}.
 */
class XmlCodecFuzzTest {

    private static final Codec XML = Codec.valueOf("xml");

    /** Input: one binary frame without its length prefix (type byte, then the body), on an {@code xml} connection. */
    @FuzzTest(maxDuration = "60s")
    void xmlFrames(byte[] frame) {
        try {
            Message message = BinaryMessageDecoder.decode(Unpooled.wrappedBuffer(frame), XML);
            assertThat(message).isNotNull();
        } catch (ProtocolException e) {
            assertThat(e.code()).as("a malformed frame's code").isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.isFatal())
                    .as("a malformed frame leaves the framing intact")
                    .isFalse();
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /**
     * Input: one byte choosing the codecs (bits 0-1 from, bits 2-3 to, of json, cbor, smile, xml), then the payload.
     */
    @FuzzTest(maxDuration = "60s")
    void payloads(byte[] input) {
        if (input.length == 0) {
            return;
        }
        List<Codec> codecs = List.of(Codec.JSON, Codec.CBOR, Codec.SMILE, XML);
        Codec from = codecs.get(input[0] & 0x03);
        Codec to = codecs.get((input[0] >>> 2) & 0x03);
        byte[] payload = Arrays.copyOfRange(input, 1, input.length);
        byte[] transcoded;
        try {
            transcoded = PayloadTranscoder.transcode(payload, from, to);
        } catch (ProtocolException e) {
            assertThat(e.code()).as("an unreadable payload's code").isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        if (from == to || payload.length == 0) {
            assertThat(transcoded).isSameAs(payload);
            return;
        }
        // What the server passes on must be readable by the peer: here, by transcoding it once more.
        Codec back = to == Codec.JSON ? Codec.CBOR : Codec.JSON;
        try {
            PayloadTranscoder.transcode(transcoded, to, back);
        } catch (ProtocolException e) {
            throw new AssertionError(
                    "a payload transcoded from " + from.wireName() + " is no valid " + to.wireName() + " document", e);
        }
    }
}
