package io.switchboard.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Result;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Payload compression on the wire: which frames, the flag bits, the threshold, and what a receiver refuses. */
class CompressionTest {

    private static final int MAX = Protocol.DEFAULT_MAX_FRAME_SIZE;
    private static final Compression ON = new Compression(1024, MAX);
    /** Offset of DELIVER's flags: length 4, type 1, id 8, timeout 4. */
    private static final int DELIVER_FLAGS = 4 + 1 + 8 + 4;
    /** Offset of RESULT's code: length 4, type 1, id 8. */
    private static final int RESULT_CODE = 4 + 1 + 8;

    private final Deflate deflate = new Deflate();

    @Test
    void aDeliverPayloadAboveTheThresholdIsSentDeflatedAndInflatedOnReceipt() {
        byte[] payload = compressible(64 * 1024);
        ByteBuf frame = encode(new Deliver(5, "echo", "say", 1000, CallMeta.caller("me"), payload), ON);
        assertThat((int) frame.getUnsignedByte(DELIVER_FLAGS)).isEqualTo(Deliver.FLAG_META | Deliver.FLAG_DEFLATED);
        assertThat(frame.readableBytes()).isLessThan(payload.length / 4);

        Deliver decoded = (Deliver) decode(frame, ON);
        assertThat(decoded.payload()).isEqualTo(payload);
        assertThat(decoded.meta()).isEqualTo(CallMeta.caller("me"));
        assertThat(decoded.deflated()).isNotNull();
        assertThat(new Deflate().inflate(decoded.deflated(), MAX, "DELIVER")).isEqualTo(payload);
    }

    @Test
    void aResultPayloadAboveTheThresholdSetsTheTopBitOfTheCodeByte() {
        byte[] payload = compressible(4096);
        ByteBuf frame = encode(new Result(5, ResultCode.HANDLER_ERROR, "why", payload), ON);
        assertThat((int) frame.getUnsignedByte(RESULT_CODE))
                .isEqualTo(Result.CODE_FLAG_DEFLATED | ResultCode.HANDLER_ERROR.wireCode());

        Result decoded = (Result) decode(frame, ON);
        assertThat(decoded.code()).isEqualTo(ResultCode.HANDLER_ERROR);
        assertThat(decoded.message()).isEqualTo("why");
        assertThat(decoded.payload()).isEqualTo(payload);
    }

    @Test
    void aPayloadAtTheThresholdOrIncompressibleOrWithoutCompressionIsSentAsItIs() {
        for (byte[] payload : new byte[][] {compressible(1024), random(8192)}) {
            Deliver deliver = new Deliver(1, "a", "m", 0, payload);
            ByteBuf compressedConnection = encode(deliver, ON);
            ByteBuf plainConnection = encode(deliver, null);
            assertThat(compressedConnection).isEqualTo(plainConnection);
            assertThat(((Deliver) decode(compressedConnection, ON)).deflated()).isNull();
        }
    }

    @Test
    void aPayloadCarriedDeflatedIsForwardedInTheSameBytesAndOnlyToAPeerThatAgreed() {
        byte[] payload = compressible(8192);
        byte[] deflated = deflate.compress(payload);
        Deliver received =
                (Deliver) decode(encode(new Deliver(1, "a", "m", 0, CallMeta.NONE, payload, false, deflated), ON), ON);
        assertThat(received.deflated()).isEqualTo(deflated);

        Deliver forwarded = received.forward(99, 500, received.payload());
        ByteBuf toCompressingPeer = encode(forwarded, ON);
        byte[] wirePayload = new byte[deflated.length];
        toCompressingPeer.getBytes(toCompressingPeer.writerIndex() - deflated.length, wirePayload);
        assertThat(wirePayload).isEqualTo(deflated);

        ByteBuf toPlainPeer = encode(forwarded, null);
        assertThat((int) toPlainPeer.getUnsignedByte(DELIVER_FLAGS)).isZero();
        assertThat(((Deliver) decode(toPlainPeer, null)).payload()).isEqualTo(payload);

        Deliver transcoded = received.forward(99, 500, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(transcoded.deflated()).isNull();
    }

    @Test
    void aDeflatedPayloadOnAConnectionThatAgreedOnNoCompressionIsBadRequestForThatCall() {
        ByteBuf frame = encode(new Deliver(7, "a", "m", 0, compressible(4096)), ON);
        assertThatThrownBy(() -> decode(frame, null))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.deliverId()).isEqualTo(7);
                })
                .hasMessage("DELIVER payload is flagged DEFLATED but this connection agreed on no compression");
    }

    @Test
    void aPayloadInflatingBeyondTheLimitIsRefusedBeforeItIsAllInMemory() {
        byte[] bomb = zlib(new byte[16 * 1024 * 1024]); // 16 MiB of zeros in about 16 KiB
        assertThat(bomb.length).isLessThan(32 * 1024);
        ByteBuf frame = encode(new Deliver(8, "a", "m", 0, CallMeta.NONE, new byte[] {1}, false, bomb), ON);
        assertThatThrownBy(() -> decode(frame, new Compression(1024, MAX)))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.deliverId()).isEqualTo(8))
                .hasMessage("DELIVER payload inflates to more than the limit of " + MAX + " bytes");
    }

    @Test
    void aPayloadThatIsNoCompleteZlibStreamIsBadRequest() {
        byte[] zlib = zlib(compressible(4096));
        byte[] truncated = Arrays.copyOf(zlib, zlib.length / 2);
        ByteBuf frame = encode(new Result(3, ResultCode.OK, "", new byte[] {1}, truncated), ON);
        assertThatThrownBy(() -> decode(frame, ON))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("RESULT payload is flagged DEFLATED but is no complete zlib stream");

        ByteBuf garbage = encode(new Result(3, ResultCode.OK, "", new byte[] {1}, new byte[] {1, 2, 3}), ON);
        assertThatThrownBy(() -> decode(garbage, ON))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("RESULT payload is flagged DEFLATED but is not valid deflate data: ");
    }

    @Test
    void theChannelHandlersCompressOnlyOnceTheConnectionAgreed() {
        ConnectionCodec codec = new ConnectionCodec();
        EmbeddedChannel channel = new EmbeddedChannel(new BinaryMessageEncoder(codec, MAX));
        byte[] payload = compressible(4096);
        channel.writeOutbound(Result.ok(1, payload));
        ByteBuf before = channel.readOutbound();
        assertThat((int) before.getUnsignedByte(RESULT_CODE)).isZero();

        codec.setCompression(ON);
        channel.writeOutbound(Result.ok(2, payload));
        ByteBuf after = channel.readOutbound();
        assertThat((int) after.getUnsignedByte(RESULT_CODE)).isEqualTo(Result.CODE_FLAG_DEFLATED);

        EmbeddedChannel receiver = new EmbeddedChannel(new BinaryFrameDecoder(MAX), new BinaryMessageDecoder(codec));
        receiver.writeInbound(after);
        Result result = receiver.readInbound();
        assertThat(result.payload()).isEqualTo(payload);
        before.release();
        assertThat(channel.finish()).isFalse();
        assertThat(receiver.finish()).isFalse();
    }

    private ByteBuf encode(Message message, Compression compression) {
        ByteBuf out = Unpooled.buffer();
        BinaryMessageEncoder.encode(message, Codec.JSON, out, MAX, compression, deflate);
        return out;
    }

    private static Message decode(ByteBuf frame, Compression compression) {
        ByteBuf body = frame.duplicate().skipBytes(Protocol.LENGTH_FIELD_BYTES);
        return BinaryMessageDecoder.decode(body, Codec.JSON, compression, new Deflate());
    }

    static byte[] compressible(int size) {
        StringBuilder text = new StringBuilder(size);
        for (int i = 0; text.length() < size; i++) {
            text.append("{\"sku\":\"A-")
                    .append(i % 100)
                    .append("\",\"qty\":")
                    .append(i % 7)
                    .append("},");
        }
        return text.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static byte[] zlib(byte[] plain) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(plain);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }
}
