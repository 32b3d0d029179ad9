package io.switchboard.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Result;
import java.util.List;

/**
 * Any bytes through {@link BinaryFrameDecoder} and {@link BinaryMessageDecoder}, in every built-in codec, with and
 * without compression agreed, in reads of any size. Every complete frame is answered exactly once (a message or a
 * documented {@code bad-request}), a length over the limit is refused from its prefix alone, and the decoder never
 * holds more than one frame.
 *
 * <p>Input: one settings byte, then the stream after the magic. Settings: bits 0-1 pick the codec (of {@link
 * Codec#values()}), bit 2 agrees on compression, bits 3-7 are the size of each read (0: everything in one read).
 * Seeds: {@code src/test/resources/io/switchboard/protocol/codec/BinaryDecoderFuzzTestInputs/binaryFrames/}.
 */
class BinaryDecoderFuzzTest {

    /** Small, so the fuzzer reaches the limit often. */
    static final int MAX = 4096;

    @FuzzTest(maxDuration = "60s")
    void binaryFrames(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int settings = input[0] & 0xFF;
        List<Codec> codecs = Codec.values();
        ConnectionCodec codec = new ConnectionCodec();
        codec.set(codecs.get((settings & 0x03) % codecs.size()));
        if ((settings & 0x04) != 0) {
            codec.setCompression(new Compression(64, MAX));
        }
        int readSize = settings >>> 3;

        BinaryFrameDecoder frames = new BinaryFrameDecoder(MAX);
        DecoderProbe probe = new DecoderProbe();
        EmbeddedChannel channel = new EmbeddedChannel(frames, new BinaryMessageDecoder(codec), probe);
        try {
            int offset = 1;
            while (offset < input.length && !probe.sawFatal()) {
                int n = readSize == 0 ? input.length - offset : Math.min(readSize, input.length - offset);
                channel.writeInbound(Unpooled.wrappedBuffer(input, offset, n));
                offset += n;
                if (!probe.sawFatal()) {
                    assertThat(DecoderProbe.heldBytes(frames))
                            .as("bytes held between reads: at most one frame and its prefix")
                            .isLessThanOrEqualTo(MAX + Protocol.LENGTH_FIELD_BYTES);
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
                .as("every complete frame is answered once: a message or a bad-request")
                .isEqualTo(expected.frames);
        assertThat(probe.sawFatal())
                .as("frame-too-large exactly when a length prefix is over the limit")
                .isEqualTo(expected.oversize);
        probe.failures.stream()
                .filter(ProtocolException::isFatal)
                .forEach(f -> assertThat(f.code()).isEqualTo(ErrorCode.FRAME_TOO_LARGE));
        for (Message message : probe.messages) {
            assertThat(payloadLength(message))
                    .as("an inflated payload stays within the limit")
                    .isLessThanOrEqualTo(MAX);
        }
    }

    private static int payloadLength(Message message) {
        if (message instanceof Deliver deliver) {
            return deliver.payload().length;
        }
        if (message instanceof Result result) {
            return result.payload().length;
        }
        return 0;
    }

    /** What the stream holds, read independently of the decoder: complete frames, and whether one is too long. */
    private record Expected(int frames, boolean oversize) {
        static Expected of(byte[] input, int from) {
            int frames = 0;
            int at = from;
            while (input.length - at >= Protocol.LENGTH_FIELD_BYTES) {
                long length = ((input[at] & 0xFFL) << 24)
                        | ((input[at + 1] & 0xFFL) << 16)
                        | ((input[at + 2] & 0xFFL) << 8)
                        | (input[at + 3] & 0xFFL);
                if (length > MAX) {
                    return new Expected(frames, true);
                }
                if (input.length - at - Protocol.LENGTH_FIELD_BYTES < length) {
                    break;
                }
                frames++;
                at += Protocol.LENGTH_FIELD_BYTES + (int) length;
            }
            return new Expected(frames, false);
        }
    }
}
