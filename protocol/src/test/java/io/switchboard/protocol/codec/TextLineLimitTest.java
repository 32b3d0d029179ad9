package io.switchboard.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The line limit counts the line's bytes, not its terminating \n nor a \r before it. */
class TextLineLimitTest {

    private static final int MAX = 16;
    private static final String SIXTEEN = "{\"type\":\"x\"}    ";

    @Test
    void aLineOfExactlyTheLimitPassesWithItsNewline() {
        assertThat(SIXTEEN).hasSize(MAX);
        assertThat(readLine(SIXTEEN + "\n")).isEqualTo(SIXTEEN);
        assertThat(readLine(SIXTEEN + "\r\n")).isEqualTo(SIXTEEN);
    }

    @Test
    void oneByteMoreIsFrameTooLarge() {
        EmbeddedChannel channel = new EmbeddedChannel(new TextLineDecoder(MAX));
        Throwable thrown = catchThrowable(() -> channel.writeInbound(bytes(SIXTEEN + " \n")));
        ProtocolException problem = ProtocolException.find(thrown).orElseThrow();
        assertThat(problem.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        assertThat(problem.isFatal()).isTrue();
    }

    @Test
    void aLineOfExactlyTheLimitPassesWhenItsCrAndLfComeInDifferentReads() {
        EmbeddedChannel channel = new EmbeddedChannel(new TextLineDecoder(MAX));
        channel.writeInbound(bytes(SIXTEEN + "\r"));
        channel.writeInbound(bytes("\n"));
        ByteBuf line = channel.readInbound();
        assertThat(line.toString(StandardCharsets.UTF_8)).isEqualTo(SIXTEEN);
        line.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void nothingAfterAnOversizeLineIsDecodedTheConnectionIsClosing() {
        EmbeddedChannel channel = new EmbeddedChannel(new TextLineDecoder(MAX));
        Throwable thrown = catchThrowable(() -> channel.writeInbound(bytes(SIXTEEN + " \n{\"type\":\"ping\"}\n")));
        assertThat(ProtocolException.find(thrown).orElseThrow().code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
        channel.writeInbound(bytes("{\"type\":\"pong\"}\n"));
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    private static String readLine(String input) {
        EmbeddedChannel channel = new EmbeddedChannel(new TextLineDecoder(MAX));
        channel.writeInbound(bytes(input));
        ByteBuf line = channel.readInbound();
        try {
            return line.toString(StandardCharsets.UTF_8);
        } finally {
            line.release();
            channel.finishAndReleaseAll();
        }
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }
}
