package io.switchboard.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.ResultCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrontDoorLinkMessageTest {

    @Test
    void theHeaderCarriesKindAndSequenceInFrontOfTheBody() {
        byte[] body = {9, 8, 7};
        byte[] bytes = FrontDoorLinkMessage.wrap(FrontDoorLinkMessage.LINES_CALL, 42, body);
        assertThat(bytes[0]).isEqualTo(FrontDoorLinkMessage.FORMAT);
        FrontDoorLinkMessage.Header header = FrontDoorLinkMessage.header(bytes, 0, bytes.length);
        assertThat(header.kind()).isEqualTo(FrontDoorLinkMessage.LINES_CALL);
        assertThat(header.seq()).isEqualTo(42);
        assertThat(Arrays.copyOfRange(bytes, FrontDoorLinkMessage.HEADER, bytes.length))
                .isEqualTo(body);
        assertThatThrownBy(() -> FrontDoorLinkMessage.header(bytes, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLinesCallAndItsResultRoundTrip() {
        byte[] doc = "{\"line\":\"x\",\"text\":\"h\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        byte[] call = new FrontDoorLinkMessage.LinesCall(5, "json", "send", doc).encode();
        FrontDoorLinkMessage.LinesCall back = FrontDoorLinkMessage.LinesCall.decode(call, 0, call.length);
        assertThat(back.requestId()).isEqualTo(5);
        assertThat(back.codec()).isEqualTo("json");
        assertThat(back.method()).isEqualTo("send");
        assertThat(back.payload()).isEqualTo(doc);

        byte[] result = new FrontDoorLinkMessage.LinesResult(
                        5, ResultCode.NO_SUCH_LINE, "line x is not open", new byte[0])
                .encode();
        FrontDoorLinkMessage.LinesResult answer = FrontDoorLinkMessage.LinesResult.decode(result, 0, result.length);
        assertThat(answer.requestId()).isEqualTo(5);
        assertThat(answer.code()).isEqualTo(ResultCode.NO_SUCH_LINE);
        assertThat(answer.message()).isEqualTo("line x is not open");
        assertThat(answer.payload()).isEmpty();
        byte[] none = new FrontDoorLinkMessage.LinesResult(6, ResultCode.OK, null, doc).encode();
        assertThat(FrontDoorLinkMessage.LinesResult.decode(none, 0, none.length).message())
                .isNull();
    }

    @Test
    void truncatedOrOverlongMessagesAreRefusedWithoutAllocatingTheirClaimedLength() {
        byte[] call = new FrontDoorLinkMessage.LinesCall(5, "json", "send", new byte[100]).encode();
        assertThatThrownBy(() -> FrontDoorLinkMessage.LinesCall.decode(call, 0, call.length - 1))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] longer = Arrays.copyOf(call, call.length + 1);
        assertThatThrownBy(() -> FrontDoorLinkMessage.LinesCall.decode(longer, 0, longer.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing");
        byte[] lying = call.clone();
        // The payload length claims 2 GB.
        int at = call.length - 100 - 4;
        lying[at] = 0x7F;
        assertThatThrownBy(() -> FrontDoorLinkMessage.LinesCall.decode(lying, 0, lying.length))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] result = new FrontDoorLinkMessage.LinesResult(1, ResultCode.OK, "m", new byte[3]).encode();
        result[8] = (byte) 250; // no such result code
        assertThatThrownBy(() -> FrontDoorLinkMessage.LinesResult.decode(result, 0, result.length))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
