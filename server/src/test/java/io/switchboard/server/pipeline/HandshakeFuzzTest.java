package io.switchboard.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.HashedWheelTimer;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.codec.BinaryMessageDecoder;
import io.switchboard.protocol.codec.TextMessageDecoder;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.registry.Registry;
import io.switchboard.server.registry.RegistryControl;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.routing.SessionControl;
import io.switchboard.server.routing.SessionDirectory;
import io.switchboard.server.store.Store;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.Stores;
import io.switchboard.server.testing.SocketLikeChannel;
import io.switchboard.server.tickets.Tickets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes a client may send from accept to WELCOME, through the real pipeline ({@link PipelineAssembler}: detection,
 * framing, decoders, {@link HandshakeAcceptor}, error handler) on an {@code EmbeddedChannel}. Whatever comes, no
 * exception escapes the pipeline, the server never answers {@code internal}, and after each read the connection has
 * either answered WELCOME, answered a documented ERROR and closed (every handshake ERROR closes), or waits; one
 * that still waits at the handshake deadline is told {@code handshake-required} and closed.
 *
 * <p>Input: one settings byte (bit 0: the server allows compression; bits 3-7: the size of each read, 0 for one
 * read per line or frame), then the stream. Reads never cross the end of a line or frame, so the target stops at
 * WELCOME: what follows belongs to the session stage. Seeds: {@code
 * src/test/resources/io/switchboard/server/pipeline/HandshakeFuzzTestInputs/handshake/}.
 */
class HandshakeFuzzTest {

    static final int MAX_FRAME = 4096;
    private static final long HANDSHAKE_TIMEOUT_MS = 10_000;
    /** The ERRORs protocol.md documents for the handshake; each one closes the connection (W9a: bad-request too). */
    private static final Set<ErrorCode> HANDSHAKE_ERRORS = Set.of(
            ErrorCode.BAD_REQUEST,
            ErrorCode.HANDSHAKE_REQUIRED,
            ErrorCode.VERSION_MISMATCH,
            ErrorCode.UNKNOWN_CODEC,
            ErrorCode.UNAUTHORIZED,
            ErrorCode.FRAME_TOO_LARGE);

    private static HashedWheelTimer timer;
    private static Store store;
    private static ServerServices plain;
    private static ServerServices compressing;

    @BeforeAll
    static void services() {
        timer = new HashedWheelTimer();
        store = Stores.open(StoreSettings.inMemory());
        ServerConfig.Builder config = ServerConfig.builder()
                .port(0)
                .maxFrameSize(MAX_FRAME)
                .handshakeTimeoutMs(HANDSHAKE_TIMEOUT_MS)
                .adminToken("secret");
        plain = services(config.build());
        compressing = services(config.compression(true).build());
    }

    private static ServerServices services(ServerConfig config) {
        SessionDirectory directory = new SessionDirectory();
        CallRouter router =
                new CallRouter(directory, new ServerCounters(), timer, () -> false, 30_000, 60_000, MAX_FRAME);
        Set<Connection> connections = ConcurrentHashMap.newKeySet();
        return new ServerServices(
                config,
                new SessionControl(directory, config.publisherMaxInflight(), () -> false),
                router,
                new RegistryControl(new Registry(store, timer), () -> false),
                connections,
                reason -> {},
                new Tickets(store, timer, 60_000, 60_000, MAX_FRAME, config.maxWaitingFetches()));
    }

    @AfterAll
    static void close() {
        timer.stop();
        store.close();
    }

    @FuzzTest(maxDuration = "60s")
    void handshake(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int settings = input[0] & 0xFF;
        ServerServices services = (settings & 0x01) != 0 ? compressing : plain;
        int readSize = settings >>> 3;
        Stream stream = Stream.of(input, 1);

        EmbeddedChannel channel = new SocketLikeChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new PipelineAssembler(services));
        List<Message> answers = new ArrayList<>();
        ByteBuf written = Unpooled.buffer();
        try {
            int offset = 1;
            while (offset < input.length && channel.isActive() && !welcomed(answers)) {
                int n = Math.min(input.length - offset, stream.nextBoundary(offset) - offset);
                if (readSize > 0) {
                    n = Math.min(n, readSize);
                }
                channel.writeInbound(Unpooled.wrappedBuffer(input, offset, n));
                offset += n;
                channel.runPendingTasks();
                channel.checkException(); // nothing escaped the pipeline
                collect(channel, written, stream, answers);
                check(answers, channel);
            }
            if (channel.isActive() && !welcomed(answers)) {
                // It waits; at the deadline the server says why it gives up, and closes.
                channel.advanceTimeBy(HANDSHAKE_TIMEOUT_MS + 1, TimeUnit.MILLISECONDS);
                channel.runPendingTasks();
                channel.runScheduledPendingTasks();
                channel.runPendingTasks();
                channel.checkException();
                collect(channel, written, stream, answers);
                check(answers, channel);
                assertThat(answers).as("the answer at the handshake deadline").isNotEmpty();
                assertThat(answers.get(answers.size() - 1))
                        .as("the answer at the handshake deadline")
                        .isInstanceOfSatisfying(
                                ErrorMessage.class,
                                e -> assertThat(e.code()).isIn(ErrorCode.HANDSHAKE_REQUIRED, ErrorCode.BAD_REQUEST));
                assertThat(channel.isActive()).as("closed at the deadline").isFalse();
            }
        } finally {
            written.release();
            channel.finishAndReleaseAll();
        }
    }

    private static boolean welcomed(List<Message> answers) {
        return answers.stream().anyMatch(Welcome.class::isInstance);
    }

    /** What the server wrote, decoded: text lines, or binary frames (JSON until WELCOME, where the target stops). */
    private static void collect(EmbeddedChannel channel, ByteBuf written, Stream stream, List<Message> answers) {
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ByteBuf bytes = (ByteBuf) out;
            written.writeBytes(bytes);
            bytes.release();
        }
        while (true) {
            if (stream.binary) {
                if (written.readableBytes() < Protocol.LENGTH_FIELD_BYTES) {
                    return;
                }
                int length = written.getInt(written.readerIndex());
                if (written.readableBytes() < Protocol.LENGTH_FIELD_BYTES + length) {
                    return;
                }
                written.skipBytes(Protocol.LENGTH_FIELD_BYTES);
                answers.add(BinaryMessageDecoder.decode(written.readSlice(length), Codec.JSON));
            } else {
                int lf = written.indexOf(written.readerIndex(), written.writerIndex(), (byte) '\n');
                if (lf < 0) {
                    return;
                }
                answers.add(TextMessageDecoder.decode(written.readSlice(lf - written.readerIndex())));
                written.skipBytes(1);
            }
        }
    }

    /** What the server may have said so far, and whether it may have closed. */
    private static void check(List<Message> answers, EmbeddedChannel channel) {
        for (int i = 0; i < answers.size(); i++) {
            Message answer = answers.get(i);
            if (answer instanceof Welcome welcome) {
                assertThat(i).as("WELCOME is the last answer of the handshake").isEqualTo(answers.size() - 1);
                assertThat(welcome.maxFrame()).isEqualTo(MAX_FRAME);
                assertThat(Codec.forName(welcome.codec())).isPresent();
            } else if (answer instanceof ErrorMessage error) {
                assertThat(error.code())
                        .as("a handshake error is one protocol.md documents (never internal): %s", error)
                        .isIn(HANDSHAKE_ERRORS);
                assertThat(error.req()).as("a handshake error's req").isZero();
                assertThat(error.message()).isNotBlank();
            } else {
                throw new AssertionError("the handshake answered " + answer);
            }
        }
        if (!channel.isActive()) {
            assertThat(answers)
                    .as("a connection is never closed without a word (%s)", channel)
                    .isNotEmpty();
            assertThat(answers.get(answers.size() - 1))
                    .as("the last word before a close")
                    .isInstanceOf(ErrorMessage.class);
        } else {
            assertThat(answers)
                    .as("every handshake ERROR closes the connection")
                    .noneMatch(ErrorMessage.class::isInstance);
        }
    }

    /** The client's stream as the server's detector sees it, and where its lines or frames end. */
    private record Stream(byte[] input, boolean binary, int start) {

        static Stream of(byte[] input, int from) {
            int at = from;
            while (at < input.length
                    && (input[at] == ' ' || input[at] == '\t' || input[at] == '\r' || input[at] == '\n')) {
                at++;
            }
            byte[] magic = Protocol.BINARY_MAGIC;
            boolean binary = input.length - at >= magic.length;
            for (int i = 0; binary && i < magic.length; i++) {
                binary = input[at + i] == magic[i];
            }
            return new Stream(input, binary, binary ? at + magic.length : at);
        }

        /** The end of the line or frame that {@code offset} is in (the magic ends one too), or the input's end. */
        int nextBoundary(int offset) {
            if (offset < start) {
                return start;
            }
            if (!binary) {
                for (int i = offset; i < input.length; i++) {
                    if (input[i] == '\n') {
                        return i + 1;
                    }
                }
                return input.length;
            }
            int at = start;
            while (input.length - at >= Protocol.LENGTH_FIELD_BYTES) {
                long length = Integer.toUnsignedLong(((input[at] & 0xFF) << 24)
                        | ((input[at + 1] & 0xFF) << 16)
                        | ((input[at + 2] & 0xFF) << 8)
                        | (input[at + 3] & 0xFF));
                long end = at + Protocol.LENGTH_FIELD_BYTES + length;
                if (end > offset) {
                    return (int) Math.min(end, input.length);
                }
                at = (int) end;
            }
            return input.length;
        }
    }
}
