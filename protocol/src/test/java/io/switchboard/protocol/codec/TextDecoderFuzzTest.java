package io.switchboard.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Any bytes through {@link TextLineDecoder} and {@link TextMessageDecoder}, in reads of any size. Every complete
 * line that is not blank is answered exactly once (a message or a documented {@code bad-request}), a line over the
 * limit (its bytes without {@code \n} and a {@code \r} before it) is {@code frame-too-large}, and the decoder never
 * holds more than one line.
 *
 * <p>Input: one settings byte, then the stream. Bits 3-7 of the
 * settings byte are the size of each read (0: everything in one read); the other bits are unused. Seeds: {@code
 * src/test/resources/io/switchboard/protocol/codec/TextDecoderFuzzTestInputs/textLines/}.
 */
class TextDecoderFuzzTest {

    static final int MAX = 4096;

    @FuzzTest(maxDuration = "60s")
    void textLines(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int readSize = (input[0] & 0xFF) >>> 3;
        TextLineDecoder lines = new TextLineDecoder(MAX);
        DecoderProbe probe = new DecoderProbe();
        EmbeddedChannel channel = new EmbeddedChannel(lines, new TextMessageDecoder(), probe);
        try {
            int offset = 1;
            while (offset < input.length && !probe.sawFatal()) {
                int n = readSize == 0 ? input.length - offset : Math.min(readSize, input.length - offset);
                channel.writeInbound(Unpooled.wrappedBuffer(input, offset, n));
                offset += n;
                if (!probe.sawFatal()) {
                    assertThat(DecoderProbe.heldBytes(lines))
                            .as("bytes held between reads: at most one line")
                            .isLessThanOrEqualTo(MAX + 1);
                }
            }
            channel.checkException();
            probe.check();
        } finally {
            channel.finishAndReleaseAll();
        }

        Expected expected = Expected.of(input, 1);
        assertThat(probe.messages.size()
                        + probe.failures.stream().filter(f -> !f.isFatal()).count())
                .as("every complete line that is not blank is answered once: a message or a bad-request")
                .isEqualTo(expected.lines);
        assertThat(probe.sawFatal())
                .as("frame-too-large exactly when a line is longer than the limit")
                .isEqualTo(expected.tooLong);
    }

    /** The lines of the stream as protocol.md defines them, read independently of the decoder. */
    private record Expected(int lines, boolean tooLong) {
        static Expected of(byte[] input, int from) {
            int lines = 0;
            int start = from;
            for (int i = from; i < input.length; i++) {
                if (input[i] != '\n') {
                    continue;
                }
                int end = i > start && input[i - 1] == '\r' ? i - 1 : i;
                if (end - start > MAX) {
                    return new Expected(lines, true);
                }
                if (!blank(input, start, end)) {
                    lines++;
                }
                start = i + 1;
            }
            // An unfinished line already longer than the limit (a \r at its end may still start its \r\n).
            int tail = input.length - start;
            boolean endsInCr = tail > 0 && input[input.length - 1] == '\r';
            return new Expected(lines, tail - (endsInCr ? 1 : 0) > MAX);
        }

        private static boolean blank(byte[] input, int start, int end) {
            for (int i = start; i < end; i++) {
                if (input[i] != ' ' && input[i] != '\t' && input[i] != '\r') {
                    return false;
                }
            }
            return true;
        }
    }
}
