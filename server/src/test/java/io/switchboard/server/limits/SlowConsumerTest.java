package io.switchboard.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.codec.BinaryMessageDecoder;
import io.switchboard.protocol.codec.BinaryMessageEncoder;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.testing.TestPeer;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code max-pending-bytes-per-connection}: a caller that keeps calling and never reads its results is closed as a
 * slow consumer, told why, and its publisher carries on serving others.
 */
class SlowConsumerTest {

    private static final int PAYLOAD = 32 * 1024;
    /** Results far beyond what the kernel's socket buffers on both ends can absorb. */
    private static final int CALLS = 600;

    private static final long HELD = 1_000_000;

    @Test
    void aCallerThatNeverReadsIsClosedAsASlowConsumerAndThePublisherIsUnaffected() throws Exception {
        ServerConfig config = ServerConfig.builder()
                .port(0)
                .maxFrameSize(64 * 1024)
                .maxPendingBytesPerConnection(256 * 1024)
                .build();
        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer publisher = TestPeer.binary(server.tcpPort());
                Socket caller = new Socket()) {
            publisher.hello("json");
            publisher.send(new Publish(1, "echo", List.of("say"), null, null));
            publisher.expect(Ack.class);

            caller.setReceiveBufferSize(4096); // before connecting: no window scaling, little kernel buffering
            caller.connect(new InetSocketAddress("127.0.0.1", server.tcpPort()));
            write(caller, null);
            write(caller, new Hello(Protocol.VERSION, "sloth", List.of("json"), null, null));
            byte[] payload = new byte[PAYLOAD];
            Arrays.fill(payload, (byte) 'x');
            payload[0] = '"';
            payload[PAYLOAD - 1] = '"';

            // One call the publisher answers only once the caller has been cut off.
            write(caller, new Deliver(HELD, "echo", "say", 60_000, json("\"held\"")));
            Deliver held = publisher.expect(Deliver.class);

            // The caller calls and never reads; the publisher answers every other call it gets.
            int answered = 0;
            for (int i = 1; i <= CALLS && server.stats().slowConsumers() == 0; i++) {
                write(caller, new Deliver(i, "echo", "say", 60_000, payload));
                // Once the caller is cut off the server drops what it sends: this call may never come. Wait in short
                // slices: the server closes a cut-off peer 2 s after the cut-off even if its ERROR is not out yet,
                // and the caller must start reading before that to see it.
                Message call = null;
                for (long waited = 0;
                        call == null && waited < 5_000 && server.stats().slowConsumers() == 0; ) {
                    call = publisher.poll(Duration.ofMillis(50));
                    waited += 50;
                }
                if (call == null && server.stats().slowConsumers() > 0) {
                    break;
                }
                assertThat(call).isInstanceOf(Deliver.class);
                publisher.send(Result.ok(((Deliver) call).id(), ((Deliver) call).payload()));
                answered++;
            }
            awaitSlowConsumer(server);
            assertThat(answered)
                    .as("the limit was reached before all calls were made")
                    .isLessThan(CALLS);
            publisher.send(Result.ok(held.id(), held.payload()));

            // Reading now, the caller finds some results, then the ERROR, then the end.
            List<Message> received = readUntilClosed(caller);
            Message last = received.get(received.size() - 1);
            assertThat(last).isInstanceOf(ErrorMessage.class);
            assertThat(((ErrorMessage) last).code()).isEqualTo(ErrorCode.SLOW_CONSUMER);
            assertThat(((ErrorMessage) last).message()).contains("max-pending-bytes-per-connection");
            assertThat(received.stream()
                            .filter(Result.class::isInstance)
                            .map(r -> ((Result) r).id())
                            .toList())
                    .as("the result that came after the cut-off was dropped")
                    .doesNotContain(HELD)
                    .hasSizeLessThanOrEqualTo(answered);

            // The publisher was not touched: it still serves a new caller.
            try (TestPeer other = TestPeer.binary(server.tcpPort())) {
                other.hello("json");
                other.send(new Deliver(1, "echo", "say", 30_000, json("\"hi\"")));
                Deliver call = publisher.expect(Deliver.class);
                while (!"\"hi\"".equals(new String(call.payload(), StandardCharsets.UTF_8))) {
                    // A call of the cut-off caller forwarded just before the cut-off: its result goes nowhere.
                    publisher.send(Result.ok(call.id(), call.payload()));
                    call = publisher.expect(Deliver.class);
                }
                publisher.send(Result.ok(call.id(), call.payload()));
                Result result = other.expect(Result.class);
                assertThat(result.code()).isEqualTo(ResultCode.OK);
                assertThat(new String(result.payload(), StandardCharsets.UTF_8)).isEqualTo("\"hi\"");
            }
            assertThat(server.stats().slowConsumers()).isEqualTo(1);
        }
    }

    private static void awaitSlowConsumer(SwitchboardServer server) throws InterruptedException {
        long deadline = System.nanoTime() + TestPeer.WAIT.toNanos();
        while (server.stats().slowConsumers() == 0) {
            assertThat(System.nanoTime() < deadline)
                    .as("closed as a slow consumer in time")
                    .isTrue();
            Thread.sleep(10);
        }
    }

    /** Writes the binary magic (null) or one frame in JSON. */
    private static void write(Socket socket, Message message) throws IOException {
        if (message == null) {
            socket.getOutputStream().write(Protocol.BINARY_MAGIC);
            return;
        }
        ByteBuf buf = Unpooled.buffer();
        BinaryMessageEncoder.encode(message, Codec.JSON, buf, Integer.MAX_VALUE);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        socket.getOutputStream().write(bytes);
    }

    private static List<Message> readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout((int) TestPeer.WAIT.toMillis());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        List<Message> received = new ArrayList<>();
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                return received;
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server did not close the slow consumer", e);
            }
            byte[] frame = new byte[length];
            in.readFully(frame);
            received.add(BinaryMessageDecoder.decode(Unpooled.wrappedBuffer(frame), Codec.JSON));
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
