package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.codec.Compression;
import io.switchboard.protocol.codec.Deflate;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Payload compression negotiated in HELLO, between compressing and plain peers, over real sockets. */
class CompressionTest {

    private static final byte[] LARGE = compressible(64 * 1024);

    private final List<TestPeer> peers = new ArrayList<>();
    private SwitchboardServer server;
    private Welcome lastWelcome;

    private void start(boolean compression) {
        server = SwitchboardServer.start(
                ServerConfig.builder().port(0).compression(compression).build());
    }

    @AfterEach
    void stop() throws Exception {
        for (TestPeer peer : peers) {
            peer.close();
        }
        server.close();
    }

    private TestPeer connect(boolean offerDeflate, Integer compressAbove) throws Exception {
        TestPeer peer = TestPeer.binary(server.tcpPort());
        peers.add(peer);
        lastWelcome = peer.helloWith(new Hello(
                Protocol.VERSION,
                "test",
                List.of("json"),
                null,
                null,
                offerDeflate ? List.of("deflate") : null,
                compressAbove));
        return peer;
    }

    private TestPeer publisher(boolean offerDeflate) throws Exception {
        TestPeer peer = connect(offerDeflate, null);
        peer.send(new Publish(1, "store", List.of("put"), List.of(), null));
        assertThat(peer.expect(Ack.class).req()).isEqualTo(1);
        return peer;
    }

    @Test
    void compressionIsOffByDefaultAndACompressedPayloadIsThenBadRequest() throws Exception {
        start(false);
        TestPeer peer = connect(true, null);
        assertThat(lastWelcome.compression()).isNull();
        assertThat(lastWelcome.compressAbove()).isNull();
        assertThat(peer.compression()).isNull();

        // Only a peer that ignores WELCOME would flag a payload; TestPeer sends plain here, so write the flag by hand.
        peer.writeRaw(deliverFrame(4, zlib(LARGE, Deflater.DEFAULT_COMPRESSION)));
        Result refused = peer.expect(Result.class);
        assertThat(refused.id()).isEqualTo(4);
        assertThat(refused.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(refused.message())
                .isEqualTo("DELIVER payload is flagged DEFLATED but this connection agreed on no compression");
    }

    @Test
    void welcomeAgreesOnDeflateAtTheServersOrTheClientsThreshold() throws Exception {
        start(true);
        connect(true, null);
        assertThat(lastWelcome.compression()).isEqualTo("deflate");
        assertThat(lastWelcome.compressAbove()).isEqualTo(1024);

        TestPeer asking = connect(true, 100);
        assertThat(asking.compression()).isEqualTo(new Compression(100, Protocol.DEFAULT_MAX_FRAME_SIZE));

        TestPeer plain = connect(false, null);
        assertThat(lastWelcome.compression()).isNull();
        assertThat(plain.compression()).isNull();
    }

    @Test
    void aCompressingCallerAndAPlainPublisherEachGetPayloadsAsTheyAgreed() throws Exception {
        start(true);
        TestPeer publisher = publisher(false);
        TestPeer caller = connect(true, null);

        caller.send(new Deliver(5, "store", "put", 5_000, LARGE));
        Deliver delivered = publisher.expect(Deliver.class);
        assertThat(delivered.deflated())
                .as("the plain publisher gets no compressed payload")
                .isNull();
        assertThat(delivered.payload()).isEqualTo(LARGE);

        publisher.send(Result.ok(delivered.id(), LARGE));
        Result result = caller.expect(Result.class);
        assertThat(result.deflated())
                .as("the server compressed the answer for the caller")
                .isNotNull();
        assertThat(result.deflated().length).isLessThan(LARGE.length / 4);
        assertThat(result.payload()).isEqualTo(LARGE);

        byte[] small = "{\"sku\":\"A-1\"}".getBytes(StandardCharsets.UTF_8);
        caller.send(new Deliver(6, "store", "put", 5_000, small));
        Deliver smallDelivered = publisher.expect(Deliver.class);
        publisher.send(Result.ok(smallDelivered.id(), small));
        Result smallResult = caller.expect(Result.class);
        assertThat(smallResult.deflated())
                .as("below the threshold nothing is compressed")
                .isNull();
        assertThat(smallResult.payload()).isEqualTo(small);
    }

    @Test
    void betweenTwoCompressingPeersTheServerForwardsTheCompressedBytesItGot() throws Exception {
        start(true);
        TestPeer publisher = publisher(true);
        TestPeer caller = connect(true, null);
        // The server compresses at BEST_SPEED; these bytes, at BEST_COMPRESSION, are the caller's own.
        byte[] callersBytes = zlib(LARGE, Deflater.BEST_COMPRESSION);
        assertThat(new Deflate().compress(LARGE)).isNotEqualTo(callersBytes);

        caller.send(new Deliver(7, "store", "put", 5_000, CallMeta.NONE, LARGE, false, callersBytes));
        Deliver delivered = publisher.expect(Deliver.class);
        assertThat(delivered.deflated()).isEqualTo(callersBytes);
        assertThat(delivered.payload()).isEqualTo(LARGE);

        byte[] publishersBytes = zlib(LARGE, 9);
        publisher.send(new Result(delivered.id(), ResultCode.OK, "", LARGE, publishersBytes));
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(7);
        assertThat(result.deflated()).isEqualTo(publishersBytes);
    }

    @Test
    void aCompressedPayloadThatInflatesBeyondTheFrameLimitIsRefusedAndTheConnectionGoesOn() throws Exception {
        start(true);
        publisher(true);
        TestPeer caller = connect(true, null);
        byte[] bomb = zlib(new byte[64 * 1024 * 1024], Deflater.BEST_COMPRESSION); // 64 MiB of zeros, ~64 KiB
        caller.send(new Deliver(8, "store", "put", 5_000, CallMeta.NONE, new byte[] {1}, false, bomb));
        Result refused = caller.expect(Result.class);
        assertThat(refused.id()).isEqualTo(8);
        assertThat(refused.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(refused.message())
                .isEqualTo("DELIVER payload inflates to more than the limit of " + (1 << 20) + " bytes");

        caller.send(new Deliver(9, "nobody", "x", 1000, null));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.NO_SUCH_SESSION);
    }

    /** A DELIVER frame to store.put with flag DEFLATED and these payload bytes, as a careless client writes it. */
    private static byte[] deliverFrame(long id, byte[] payload) {
        io.netty.buffer.ByteBuf frame = io.netty.buffer.Unpooled.buffer();
        frame.writeInt(0).writeByte(0x20).writeLong(id).writeInt(1000).writeByte(Deliver.FLAG_DEFLATED);
        frame.writeByte(5).writeBytes("store".getBytes(StandardCharsets.UTF_8));
        frame.writeByte(3).writeBytes("put".getBytes(StandardCharsets.UTF_8));
        frame.writeBytes(payload);
        frame.setInt(0, frame.readableBytes() - 4);
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        return bytes;
    }

    static byte[] compressible(int size) {
        StringBuilder text = new StringBuilder(size + 64);
        for (int i = 0; text.length() < size; i++) {
            text.append("{\"sku\":\"A-")
                    .append(i % 100)
                    .append("\",\"qty\":")
                    .append(i % 7)
                    .append("},");
        }
        return ("[" + text.substring(0, size - 2) + "]").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zlib(byte[] plain, int level) {
        Deflater deflater = new Deflater(level);
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
