package io.switchboard.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Listing.SessionInfo;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PUBLISH's {@code policy} and LISTING's {@code policy}/{@code away}: round trips, and absent stays absent. */
class SessionPolicyFieldsTest {

    private final Publish held =
            new Publish(1, "inventory", List.of("reserve", "levels"), List.of("levels"), 8, SessionPolicy.HOLD);
    private final Listing listing = new Listing(
            2,
            List.of(
                    new SessionInfo(
                            "inventory", List.of("levels", "reserve"), List.of("levels"), 0, SessionPolicy.HOLD, true),
                    new SessionInfo("prices", List.of("quote"), List.of(), 2, SessionPolicy.REROUTE, null)));

    @Test
    void policyAndAwayRoundTripInEveryCodecAndInTextMode() {
        for (Message message : List.of(held, listing)) {
            for (Codec codec : Codec.values()) {
                assertThat(RoundTripTest.binaryRoundTrip(message, codec))
                        .as(codec.wireName())
                        .isEqualTo(message);
            }
            assertThat(RoundTripTest.textRoundTrip(message)).isEqualTo(message);
        }
    }

    @Test
    void theTextFormsAreTheDocumentedOnes() {
        assertThat(text(held))
                .isEqualTo(
                        "{\"type\":\"publish\",\"req\":1,\"alias\":\"inventory\","
                                + "\"methods\":[\"reserve\",\"levels\"],\"idempotent\":[\"levels\"],\"max_inflight\":8,\"policy\":\"hold\"}");
        assertThat(text(listing))
                .isEqualTo(
                        "{\"type\":\"listing\",\"req\":2,\"sessions\":["
                                + "{\"alias\":\"inventory\",\"methods\":[\"levels\",\"reserve\"],\"idempotent\":[\"levels\"],"
                                + "\"publishers\":0,\"policy\":\"hold\",\"away\":true},"
                                + "{\"alias\":\"prices\",\"methods\":[\"quote\"],\"idempotent\":[],\"publishers\":2,\"policy\":\"reroute\"}]}");
    }

    @Test
    void messagesWithoutTheFieldsAreReadAsBeforeAndWrittenWithoutThem() {
        Publish old = (Publish) TextMessageDecoder.decode(Unpooled.copiedBuffer(
                "{\"type\":\"publish\",\"req\":1,\"alias\":\"echo\",\"methods\":[\"say\"]}", StandardCharsets.UTF_8));
        assertThat(old.policy()).isNull();
        assertThat(text(new Publish(1, "echo", List.of("say"), null, null))).doesNotContain("policy");

        SessionInfo info = new SessionInfo("echo", List.of("say"), List.of(), 1);
        assertThat(info.listedAway()).isFalse();
        assertThat(text(new Listing(3, List.of(info)))).doesNotContain("policy").doesNotContain("away");
        assertThat(new SessionInfo("echo", List.of("say"), List.of(), 0, SessionPolicy.HOLD, true).listedAway())
                .isTrue();
    }

    @Test
    void anUnknownPolicyIsRefusedNamingTheKnownOnes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TextMessageDecoder.decode(Unpooled.copiedBuffer(
                        "{\"type\":\"publish\",\"req\":1,\"alias\":\"echo\",\"methods\":[\"say\"],\"policy\":\"wait\"}",
                        StandardCharsets.UTF_8)))
                .hasMessageContaining("unknown session policy 'wait' (fail, hold, reroute)");
    }

    private static String text(Message message) {
        ByteBuf out = Unpooled.buffer();
        TextMessageEncoder.encode(message, out);
        String line = out.toString(StandardCharsets.UTF_8);
        return line.substring(0, line.length() - 1);
    }
}
