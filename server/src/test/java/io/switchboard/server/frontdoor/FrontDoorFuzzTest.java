package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.HashedWheelTimer;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.routing.SessionControl;
import io.switchboard.server.routing.SessionDirectory;
import io.switchboard.server.testing.SocketLikeChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes from an end user through a front door's real pipeline ({@link FrontDoorPipelines}) on an {@code
 * EmbeddedChannel}, with a handler instance (a publisher connection on another {@code EmbeddedChannel}) that answers
 * every event at once. Nothing escapes the pipeline; every input reaches the handler exactly as documented (tcp: each
 * line, its bytes unchanged, text when valid UTF-8, else binary), none longer than {@code max-message-bytes}; a line
 * over the limit closes the line saying why; and when the line is gone the front door holds nothing of it.
 *
 * <p>Input: one settings byte (bits 3-7: the size of each read, 0 for one read; websocket bit 0: a valid upgrade
 * request is sent first, so the fuzzer works on frames), then the stream. Seeds: {@code
 * src/test/resources/io/switchboard/server/frontdoor/FrontDoorFuzzTestInputs/<method>/}.
 */
class FrontDoorFuzzTest {

    static final int MAX_MESSAGE = 256;
    static final String UPGRADE =
            "GET /chat HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    private static final List<String> EVENTS = List.of("connect", "input", "disconnect", "welcome-back");

    private static HashedWheelTimer timer;
    /** Its event loop owns both front doors. */
    private static EmbeddedChannel owner;

    /** The handler instance: a publisher connection of both handler aliases that answers every event ok. */
    private static EmbeddedChannel handlerChannel;

    private static Connection handler;
    private static CallRouter router;
    private static FrontDoor tcp;
    private static FrontDoor websocket;

    @BeforeAll
    static void frontDoors() {
        timer = new HashedWheelTimer();
        owner = new EmbeddedChannel();
        SessionDirectory directory = new SessionDirectory();
        router = new CallRouter(directory, new ServerCounters(), timer, () -> false, 30_000, 60_000, 1 << 20);
        FrontDoors doors = FrontDoors.create(
                List.of(config(FrontDoorProtocol.TCP, "tcp-events"), config(FrontDoorProtocol.WEBSOCKET, "ws-events")),
                owner.eventLoop(),
                router,
                directory,
                timer,
                () -> false);
        tcp = doors.get("tcp-events");
        websocket = doors.get("ws-events");

        handlerChannel = new SocketLikeChannel();
        handler = new Connection(handlerChannel);
        handler.established(Codec.JSON, false, CallMeta.NONE, false);
        SessionControl sessions = new SessionControl(directory, 1024, () -> false);
        sessions.publish(handler, new Publish(1, "tcp-events", EVENTS, List.of(), 1024));
        sessions.publish(handler, new Publish(2, "ws-events", EVENTS, List.of(), 1024));
        settle(null, new ArrayList<>());
    }

    private static FrontDoorConfig config(FrontDoorProtocol protocol, String alias) {
        return FrontDoorConfig.builder(protocol, 0, alias)
                .path("/chat")
                .maxMessageBytes(MAX_MESSAGE)
                .maxInputRate(0) // the rate depends on the clock; the fuzzer's inputs must replay the same
                .bufferBytes(1 << 20)
                .build();
    }

    @AfterAll
    static void close() {
        timer.stop();
        handlerChannel.finishAndReleaseAll();
        owner.finishAndReleaseAll();
    }

    @FuzzTest(maxDuration = "60s")
    void tcpLines(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        List<Deliver> events = new ArrayList<>();
        EmbeddedChannel line = new SocketLikeChannel(new FrontDoorPipelines(tcp, null));
        ByteBuf said = Unpooled.buffer();
        try {
            feed(line, input, (input[0] & 0xFF) >>> 3, events);
            drain(line, said);
            Lines expected = Lines.of(input, 1);
            List<Deliver> inputs = inputs(events);
            assertThat(inputs).as("the inputs the handler got").hasSize(expected.lines.size());
            for (int i = 0; i < inputs.size(); i++) {
                byte[] sent = expected.lines.get(i);
                Deliver event = inputs.get(i);
                boolean text = isUtf8(sent);
                assertThat(event.meta().headers().get("kind")).isEqualTo(text ? "text" : "binary");
                assertThat(inputBytes(event, text))
                        .as("input %d, byte for byte", i)
                        .isEqualTo(sent);
            }
            String toUser = said.toString(StandardCharsets.UTF_8);
            if (expected.tooLong) {
                assertThat(toUser).as("a line over the limit is told why").isEqualTo("closed: message too long\n");
                assertThat(line.isActive())
                        .as("a line over the limit is closed")
                        .isFalse();
            } else {
                assertThat(toUser)
                        .as("nothing is said to a user within the limits")
                        .isEmpty();
                assertThat(line.isActive())
                        .as("a line within the limits stays open")
                        .isTrue();
            }
        } finally {
            said.release();
            closeAndForget(line, tcp, events);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void webSocket(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        List<Deliver> events = new ArrayList<>();
        EmbeddedChannel line = new SocketLikeChannel(new FrontDoorPipelines(websocket, null));
        try {
            if ((input[0] & 0x01) != 0) {
                line.writeInbound(Unpooled.copiedBuffer(UPGRADE, StandardCharsets.US_ASCII));
                settle(line, events);
            }
            feed(line, input, (input[0] & 0xFF) >>> 3, events);
            long total = 0;
            for (Deliver event : inputs(events)) {
                String kind = event.meta().headers().get("kind");
                assertThat(kind).isIn("text", "binary");
                byte[] bytes = inputBytes(event, kind.equals("text"));
                assertThat(bytes.length)
                        .as("an input is at most max-message-bytes")
                        .isLessThanOrEqualTo(MAX_MESSAGE);
                total += bytes.length;
            }
            assertThat(total).as("the inputs are no more than the bytes sent").isLessThanOrEqualTo(input.length);
            drain(line, null);
        } finally {
            closeAndForget(line, websocket, events);
        }
    }

    /** Writes the stream in reads of {@code readSize} (0: one read), letting the front door and handler work after each. */
    private static void feed(EmbeddedChannel line, byte[] input, int readSize, List<Deliver> events) {
        int offset = 1;
        while (offset < input.length && line.isActive()) {
            int n = readSize == 0 ? input.length - offset : Math.min(readSize, input.length - offset);
            line.writeInbound(Unpooled.wrappedBuffer(input, offset, n));
            offset += n;
            settle(line, events);
        }
        line.checkException();
    }

    /** Closes the line (the user hangs up) and checks the front door forgot it once its disconnect was answered. */
    private static void closeAndForget(EmbeddedChannel line, FrontDoor door, List<Deliver> events) {
        line.close();
        settle(line, events);
        line.checkException();
        line.finishAndReleaseAll();
        assertThat(events.stream().filter(e -> e.method().equals("connect"))).hasSizeLessThanOrEqualTo(1);
        long opened = events.stream().filter(e -> e.method().equals("connect")).count();
        long closed =
                events.stream().filter(e -> e.method().equals("disconnect")).count();
        assertThat(closed).as("a line that was announced is told gone once").isEqualTo(opened);
        assertThat(door.openLines()).as("open lines once the user left").isEmpty();
        assertThat(door.tracked.get()).as("lines tracked once the user left").isZero();
        assertThat(door.counters.bufferedBytes.get())
                .as("bytes buffered once the user left")
                .isZero();
    }

    /**
     * Runs every loop until nothing moves: the line's, the front doors' owner's, the handler's; the handler answers
     * each event {@code ok} with nothing to send back.
     */
    private static void settle(EmbeddedChannel line, List<Deliver> events) {
        for (int quiet = 0; quiet < 3; ) {
            if (line != null) {
                line.runPendingTasks();
            }
            owner.runPendingTasks();
            handlerChannel.runPendingTasks();
            boolean moved = false;
            for (Object out; (out = handlerChannel.readOutbound()) != null; ) {
                moved = true;
                if (out instanceof Deliver deliver) {
                    events.add(deliver);
                    router.result(handler, new Result(deliver.id(), ResultCode.OK, "", Deliver.NO_PAYLOAD));
                }
                ReferenceCountUtil.release(out);
            }
            quiet = moved ? 0 : quiet + 1;
        }
    }

    /** What the user was sent (tcp: bytes; websocket: frames, released). */
    private static void drain(EmbeddedChannel line, ByteBuf into) {
        for (Object out; (out = line.readOutbound()) != null; ) {
            if (into != null && out instanceof ByteBuf bytes) {
                into.writeBytes(bytes);
            }
            ReferenceCountUtil.release(out);
        }
    }

    private static List<Deliver> inputs(List<Deliver> events) {
        return events.stream().filter(e -> e.method().equals("input")).toList();
    }

    /** An input event's payload: text as a JSON string of the input, binary as its base64. */
    private static byte[] inputBytes(Deliver event, boolean text) throws IOException {
        JsonNode payload = Codec.JSON.mapper().readTree(event.payload());
        assertThat(payload.isTextual()).as("an input's payload is a string").isTrue();
        return text
                ? payload.textValue().getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(payload.textValue());
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The tcp lines of the stream as docs/front-door.md defines them, read independently of the pipeline. */
    private record Lines(List<byte[]> lines, boolean tooLong) {
        static Lines of(byte[] input, int from) {
            List<byte[]> lines = new ArrayList<>();
            int start = from;
            for (int i = from; i < input.length; i++) {
                if (input[i] != '\n') {
                    continue;
                }
                int end = i > start && input[i - 1] == '\r' ? i - 1 : i;
                if (end - start > MAX_MESSAGE) {
                    return new Lines(lines, true);
                }
                lines.add(Arrays.copyOfRange(input, start, end));
                start = i + 1;
            }
            int tail = input.length - start;
            boolean endsInCr = tail > 0 && input[input.length - 1] == '\r';
            return new Lines(lines, tail - (endsInCr ? 1 : 0) > MAX_MESSAGE);
        }
    }
}
