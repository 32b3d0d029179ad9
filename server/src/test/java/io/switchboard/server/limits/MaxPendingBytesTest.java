package io.switchboard.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code max-pending-bytes}: several callers that never read their results; together they pass the server-wide limit
 * long before any passes its own (64 MiB). The one with the most waiting is closed as a slow consumer; the lighter
 * stalled ones keep everything they were sent, and a caller that reads is served as before.
 */
class MaxPendingBytesTest {

    private static final int PAYLOAD = 32 * 1024;
    private static final long LIMIT = 10L << 20;
    /**
     * Each light caller's results: 3 MiB, more than the kernel's socket buffers usually take (so some of it waits at
     * the server: about 0.7 MiB for both here) and under a third of the limit, so the heavy caller is the heaviest
     * whenever the sum passes the limit.
     */
    private static final int LIGHT_CALLS = 96;
    /** Far beyond the limit and the kernel's socket buffers; the heavy caller stops once it is cut off. */
    private static final int HEAVY_CALLS = 800;

    @Test
    void theHeaviestStalledReaderIsClosedAndTheOthersAreUntouched() throws Exception {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger("io.switchboard.server.pipeline.SlowConsumers");
        logger.addAppender(appender);
        ServerConfig config = ServerConfig.builder()
                .port(0)
                .maxFrameSize(64 * 1024)
                .maxPendingBytes(LIMIT)
                .build();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        try (SwitchboardServer server = SwitchboardServer.start(config);
                TestPeer publisher = TestPeer.binary(server.tcpPort());
                Socket light1 = stalled(server, "light1");
                Socket light2 = stalled(server, "light2");
                Socket heavy = stalled(server, "heavy")) {
            assertThat(config.maxPendingBytesPerConnection()).isEqualTo(64L << 20);
            publisher.hello("json");
            publisher.send(new Publish(1, "echo", List.of("say"), null, null));
            publisher.expect(Ack.class);
            Thread answering = new Thread(
                    () -> {
                        while (!stop.get()) {
                            try {
                                Message m = publisher.poll(Duration.ofMillis(50));
                                if (m instanceof Deliver d) {
                                    publisher.send(Result.ok(d.id(), d.payload()));
                                    answered.incrementAndGet();
                                }
                            } catch (IOException | InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "publisher");
            answering.setDaemon(true);
            answering.start();
            try {
                byte[] payload = payload();
                for (Socket light : List.of(light1, light2)) {
                    for (int i = 1; i <= LIGHT_CALLS; i++) {
                        write(light, new Deliver(i, "echo", "say", 60_000, payload));
                    }
                }
                await("the light callers' calls were answered", () -> answered.get() == 2 * LIGHT_CALLS);

                int heavyCalls = 0;
                for (int i = 1; i <= HEAVY_CALLS && server.stats().slowConsumers() == 0; i++) {
                    write(heavy, new Deliver(i, "echo", "say", 60_000, payload));
                    heavyCalls++;
                    int expected = 2 * LIGHT_CALLS + i;
                    await(
                            "the heavy caller's call was answered, or it was cut off",
                            () -> answered.get() >= expected || server.stats().slowConsumers() > 0);
                }
                await("a slow consumer was closed", () -> server.stats().slowConsumers() > 0);
                assertThat(heavyCalls).as("the limit was reached long before").isLessThan(HEAVY_CALLS);

                // The heavy caller, reading now, finds results, then the ERROR naming the limit, then the end. The
                // ERROR waits behind some 10 MiB: a reader slower than the 2 s grace (a loaded machine) sees the
                // end without it, so only its content is checked.
                List<Message> received = readUntilClosed(heavy);
                assertThat(received).allSatisfy(m -> {
                    if (m instanceof ErrorMessage error) {
                        assertThat(error.code()).isEqualTo(ErrorCode.SLOW_CONSUMER);
                        assertThat(error.message()).contains("max-pending-bytes " + LIMIT);
                    } else {
                        assertThat(m).isInstanceOfAny(Result.class, io.switchboard.protocol.message.Welcome.class);
                    }
                });

                // The light stalled callers were not touched: connected, and every result is there for them.
                await("only the heavy caller is gone", () -> server.stats().connections() == 3);
                for (Socket light : List.of(light1, light2)) {
                    assertThat(read(light, LIGHT_CALLS))
                            .allSatisfy(m -> assertThat(((Result) m).code()).isEqualTo(ResultCode.OK));
                }

                // A caller that reads is served.
                try (TestPeer good = TestPeer.binary(server.tcpPort())) {
                    good.hello("json");
                    good.send(new Deliver(1, "echo", "say", 30_000, "\"hi\"".getBytes(StandardCharsets.UTF_8)));
                    Result result = good.expect(Result.class);
                    assertThat(result.code()).isEqualTo(ResultCode.OK);
                }
                assertThat(server.stats().slowConsumers()).isEqualTo(1);
                assertThat(appender.list.stream()
                                .filter(e -> e.getLevel() == Level.WARN)
                                .map(ILoggingEvent::getFormattedMessage))
                        .singleElement()
                        .satisfies(w -> assertThat(w)
                                .startsWith("SWB0741 heavy@")
                                .contains("max-pending-bytes (" + LIMIT + ")"));
            } finally {
                stop.set(true);
                answering.join(TestPeer.WAIT.toMillis());
            }
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void theLimitIsHalfTheDirectMemoryUnlessSetAndNeverBelowAFrame() {
        ServerConfig auto = ServerConfig.builder().build();
        assertThat(io.switchboard.server.pipeline.PendingBytes.effectiveLimit(auto))
                .isEqualTo(Math.max(
                        auto.maxPendingBytesPerConnection(),
                        io.netty.util.internal.PlatformDependent.maxDirectMemory() / 2));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ServerConfig.builder().maxPendingBytes(1000).build())
                .hasMessageContaining("max-pending-bytes (1000)");
    }

    private static byte[] payload() {
        byte[] payload = new byte[PAYLOAD];
        Arrays.fill(payload, (byte) 'x');
        payload[0] = '"';
        payload[PAYLOAD - 1] = '"';
        return payload;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TestPeer.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as(what).isTrue();
            Thread.sleep(5);
        }
    }

    /** A caller that will not read: a small receive buffer (set before connecting) keeps the kernel from hiding it. */
    private static Socket stalled(SwitchboardServer server, String name) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", server.tcpPort()));
        write(socket, null);
        write(socket, new Hello(Protocol.VERSION, name, List.of("json"), null, null));
        return socket;
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

    private static Message readOne(DataInputStream in) throws IOException {
        int length = in.readInt();
        byte[] frame = new byte[length];
        in.readFully(frame);
        return BinaryMessageDecoder.decode(Unpooled.wrappedBuffer(frame), Codec.JSON);
    }

    /** The WELCOME, then {@code results} RESULTs. */
    private static List<Message> read(Socket socket, int results) throws IOException {
        socket.setSoTimeout((int) TestPeer.WAIT.toMillis());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        List<Message> received = new ArrayList<>();
        assertThat(readOne(in).getClass().getSimpleName()).isEqualTo("Welcome");
        while (received.size() < results) {
            Message m = readOne(in);
            if (m instanceof Result) {
                received.add(m);
            }
        }
        return received;
    }

    private static List<Message> readUntilClosed(Socket socket) throws IOException {
        socket.setSoTimeout((int) TestPeer.WAIT.toMillis());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        List<Message> received = new ArrayList<>();
        while (true) {
            try {
                received.add(readOne(in));
            } catch (EOFException | SocketException e) {
                return received;
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server did not close the slow consumer", e);
            }
        }
    }
}
