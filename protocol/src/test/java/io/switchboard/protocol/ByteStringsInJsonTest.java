package io.switchboard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** docs/protocol.md, "Byte strings in JSON": standard base64 with padding, not base64url. */
class ByteStringsInJsonTest {

    @Test
    void aBinaryByteStringBecomesPaddedStandardBase64InJson() throws Exception {
        // 0xfb 0xff: "+/8=" in standard base64, "-_8" in unpadded base64url.
        byte[] bytes = {(byte) 0xfb, (byte) 0xff};
        for (Codec binary : new Codec[] {Codec.CBOR, Codec.SMILE}) {
            byte[] payload = binary.mapper().writeValueAsBytes(bytes);
            byte[] json = PayloadTranscoder.transcode(payload, binary, Codec.JSON);
            assertThat(new String(json, StandardCharsets.UTF_8))
                    .as(binary.wireName())
                    .isEqualTo("\"+/8=\"");
        }
    }
}
