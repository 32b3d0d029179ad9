package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkMessageTest {

    private static final int MAX = 1 << 16;

    @Test
    void aCallRoundTripsWithItsMetaAndPayload() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("trace", "t-1");
        headers.put("tenant", "\u00e9t\u00e9");
        byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        LinkMessage.Call call =
                new LinkMessage.Call(7, 1234, "cbor", true, "orders", "place", CallMeta.of("shop-1", headers), payload);
        byte[] bytes = call.encode();
        LinkMessage.Call back = LinkMessage.decodeCall(bytes, 0, bytes.length, MAX);
        assertThat(back.callId()).isEqualTo(7);
        assertThat(back.timeLeftMs()).isEqualTo(1234);
        assertThat(back.codec()).isEqualTo("cbor");
        assertThat(back.textMode()).isTrue();
        assertThat(back.alias()).isEqualTo("orders");
        assertThat(back.method()).isEqualTo("place");
        assertThat(back.meta().caller()).isEqualTo("shop-1");
        assertThat(back.meta().headers()).containsExactlyEntriesOf(headers);
        assertThat(back.payload()).isEqualTo(payload);
        assertThat(LinkMessage.kind(bytes, 0, bytes.length)).isEqualTo(LinkMessage.CALL);
        assertThat(LinkMessage.callId(bytes, 0, bytes.length)).isEqualTo(7);
    }

    @Test
    void aResultRoundTripsWithOrWithoutAMessage() {
        byte[] bytes = new LinkMessage.Result(9, ResultCode.PUBLISHER_LOST, "gone", new byte[0]).encode();
        LinkMessage.Result back = LinkMessage.decodeResult(bytes, 0, bytes.length, MAX);
        assertThat(back.callId()).isEqualTo(9);
        assertThat(back.code()).isEqualTo(ResultCode.PUBLISHER_LOST);
        assertThat(back.message()).isEqualTo("gone");
        byte[] ok = new LinkMessage.Result(10, ResultCode.OK, null, new byte[] {1, 2}).encode();
        LinkMessage.Result okBack = LinkMessage.decodeResult(ok, 0, ok.length, MAX);
        assertThat(okBack.message()).isNull();
        assertThat(okBack.payload()).containsExactly(1, 2);
    }

    @Test
    void theGatherMessagesRoundTripAndAreToldApartFromACall() {
        byte[] gather = new LinkMessage.Call(3, 500, "smile", false, "census", "count", CallMeta.NONE, new byte[] {9})
                .encodeGather();
        assertThat(LinkMessage.kind(gather, 0, gather.length)).isEqualTo(LinkMessage.GATHER);
        LinkMessage.Call back = LinkMessage.decodeGather(gather, 0, gather.length, MAX);
        assertThat(back.alias()).isEqualTo("census");
        assertThat(back.timeLeftMs()).isEqualTo(500);
        assertThat(back.payload()).containsExactly(9);
        assertThatThrownBy(() -> LinkMessage.decodeCall(gather, 0, gather.length, MAX))
                .isInstanceOf(IllegalArgumentException.class);

        byte[] reply = new LinkMessage.GatherReply(3, 42, ResultCode.TIMEOUT, "late", new byte[] {1}).encode();
        LinkMessage.GatherReply replyBack = LinkMessage.decodeGatherReply(reply, 0, reply.length, MAX);
        assertThat(replyBack)
                .usingRecursiveComparison()
                .isEqualTo(new LinkMessage.GatherReply(3, 42, ResultCode.TIMEOUT, "late", new byte[] {1}));

        byte[] end = new LinkMessage.GatherEnd(3, 2).encode();
        assertThat(LinkMessage.decodeGatherEnd(end, 0, end.length, MAX)).isEqualTo(new LinkMessage.GatherEnd(3, 2));
        byte[] negative = new LinkMessage.GatherEnd(3, -1).encode();
        assertThatThrownBy(() -> LinkMessage.decodeGatherEnd(negative, 0, negative.length, MAX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1 publishers");
        byte[] truncated = Arrays.copyOf(end, end.length - 1);
        assertThatThrownBy(() -> LinkMessage.decodeGatherEnd(truncated, 0, truncated.length, MAX))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedOrTooLargeMessagesAreRefused() {
        byte[] bytes = new LinkMessage.Call(1, 10, "json", false, "a", "m", CallMeta.NONE, new byte[100]).encode();
        assertThatThrownBy(() -> LinkMessage.decodeCall(bytes, 0, bytes.length, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 50");
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> LinkMessage.decodeCall(truncated, 0, truncated.length, MAX))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> LinkMessage.decodeCall(longer, 0, longer.length, MAX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing");
        assertThatThrownBy(() -> LinkMessage.decodeResult(bytes, 0, bytes.length, MAX))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] hugeLength = bytes.clone();
        hugeLength[hugeLength.length - 101] = 0x7F; // the payload's length, now far beyond the message
        assertThatThrownBy(() -> LinkMessage.decodeCall(hugeLength, 0, hugeLength.length, MAX))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
