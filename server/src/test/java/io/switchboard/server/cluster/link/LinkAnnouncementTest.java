package io.switchboard.server.cluster.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The announcement's bytes as docs/cluster.md describes them, its refusals, and that the secret never prints. */
class LinkAnnouncementTest {

    private static final byte[] SECRET = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    @Test
    void encodesAsDocumentedAndDecodesBack() {
        LinkAnnouncement a = new LinkAnnouncement("10.0.0.7", 7801, SECRET);
        byte[] bytes = a.encode();
        assertThat(HexFormat.of().formatHex(bytes))
                .isEqualTo("0501" + "0008" + HexFormat.of().formatHex("10.0.0.7".getBytes()) + "1e79"
                        + "00112233445566778899aabbccddeeff");
        byte[] framed = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, framed, 2, bytes.length);
        assertThat(LinkAnnouncement.decode(framed, 2, bytes.length)).isEqualTo(a);
        assertThat(a.toString()).isEqualTo("10.0.0.7:7801").doesNotContain("00112233");
    }

    @Test
    void malformedAnnouncementsAreRefused() {
        byte[] good = new LinkAnnouncement("h", 1, SECRET).encode();
        assertThatThrownBy(() -> LinkAnnouncement.decode(good, 0, good.length - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> LinkAnnouncement.decode(longer, 0, longer.length))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] otherFormat = good.clone();
        otherFormat[0] = 2;
        assertThatThrownBy(() -> LinkAnnouncement.decode(otherFormat, 0, otherFormat.length))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] portZero = good.clone();
        portZero[good.length - 18] = 0;
        portZero[good.length - 17] = 0;
        assertThatThrownBy(() -> LinkAnnouncement.decode(portZero, 0, portZero.length))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> new LinkAnnouncement("h", 1, new byte[8]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHelloProvesTheSecretForItsChallengeOnly() {
        byte[] nonce = LinkAuth.nonceOf(LinkAuth.challenge());
        byte[] hello = LinkAuth.hello(1, 2, SECRET, nonce);
        assertThat(LinkAuth.check(hello, SECRET, nonce)).isEqualTo(new LinkAuth.Hello(1, 2, true));
        assertThat(LinkAuth.check(hello, LinkAuth.newSecret(), nonce).proven()).isFalse();
        byte[] otherNonce = LinkAuth.nonceOf(LinkAuth.challenge());
        assertThat(LinkAuth.check(hello, SECRET, otherNonce).proven())
                .as("replayed")
                .isFalse();
        byte[] claimsAnother = hello.clone();
        claimsAnother[8] ^= 1;
        assertThat(LinkAuth.check(claimsAnother, SECRET, nonce).proven()).isFalse();
    }
}
