package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.Welcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client's side of the front door against a scripted server that sends front-door events the way
 * docs/front-door.md defines them, in JSON and in CBOR: headers and payloads read into Line, LineInput and
 * WelcomeBack, replies and $lines documents written as the contract says.
 */
class FrontDoorClientTest {

    private static final String LINE = "q3V0cD7u1jYv4pYc7bHn0A";
    private static final long CONNECTED_AT = 1_796_000_000_000L;

    /** A scripted server: ACKs PUBLISH and RESCIND, answers DELIVERs to $lines with {@code lines}, keeps every RESULT. */
    private static final class FrontDoorServer implements AutoCloseable {
        final BlockingQueue<Result> results = new LinkedBlockingQueue<>();
        final BlockingQueue<Deliver> linesCalls = new LinkedBlockingQueue<>();
        final List<Publish> publishes = new CopyOnWriteArrayList<>();
        final ScriptedServer server;
        final ObjectMapper mapper;

        FrontDoorServer(Codec codec, Function<Deliver, Result> lines) throws IOException {
            this.mapper = codec == Codec.CBOR ? new CBORMapper() : new JsonMapper();
            this.server = new ScriptedServer(peer -> {
                peer.handshake(new Welcome(
                        Protocol.VERSION,
                        "scripted",
                        List.of(),
                        codec.wireName(),
                        Protocol.DEFAULT_MAX_FRAME_SIZE,
                        10_000,
                        new Welcome.Limits(30_000, 300_000, 1024)));
                try {
                    while (true) {
                        Message m = peer.read();
                        if (m instanceof Publish p) {
                            publishes.add(p);
                            peer.write(new Ack(p.req()));
                        } else if (m instanceof Rescind r) {
                            peer.write(new Ack(r.req()));
                        } else if (m instanceof Result r) {
                            results.add(r);
                        } else if (m instanceof Deliver d) {
                            linesCalls.add(d);
                            peer.write(lines.apply(d));
                        }
                    }
                } catch (IOException e) {
                    peer.sawEndOfStream = true;
                }
            });
        }

        SwitchboardClient client(Codec codec) {
            return SwitchboardClient.connect(ClientOptions.builder()
                    .url(server.url())
                    .codec(codec)
                    .callTimeout(Duration.ofSeconds(10))
                    .build());
        }

        void send(long id, String method, Map<String, String> headers, Object payload) throws IOException {
            byte[] bytes = payload == null ? Deliver.NO_PAYLOAD : mapper.writeValueAsBytes(payload);
            server.peer(0)
                    .write(new Deliver(id, "chat", method, 30_000, CallMeta.of("$front-door/chat", headers), bytes));
        }

        Result result(long id) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() - deadline < 0) {
                Result r = results.poll(50, TimeUnit.MILLISECONDS);
                if (r != null && r.id() == id) {
                    return r;
                }
                if (r != null) {
                    throw new AssertionError("expected the RESULT of " + id + ", got " + r);
                }
            }
            throw new AssertionError("no RESULT of " + id);
        }

        Deliver linesCall() throws InterruptedException {
            Deliver d = linesCalls.poll(10, TimeUnit.SECONDS);
            assertThat(d).as("a DELIVER to $lines").isNotNull();
            return d;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static Map<String, String> lineHeaders(String... extra) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("line", LINE);
        h.put("remote", "10.0.0.7:51544");
        h.put("protocol", "websocket");
        h.put("connected_at", Long.toString(CONNECTED_AT));
        h.put("front_door", "chat");
        for (int i = 0; i < extra.length; i += 2) {
            h.put(extra[i], extra[i + 1]);
        }
        return h;
    }

    private static Map<String, Object> entry(String id, boolean announced, long dropped) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("line", id);
        e.put("remote", "10.0.0.9:40112");
        e.put("protocol", "tcp");
        e.put("connected_at", CONNECTED_AT + 500);
        e.put("announced", announced);
        e.put("dropped", dropped);
        return e;
    }

    private static Map<String, Object> withAttributes(Map<String, Object> entry) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("nick", "ada");
        attributes.put("room", "lobby");
        entry.put("attributes", attributes);
        return entry;
    }

    private static Map<String, Object> welcomePart(List<?> lines, List<?> disconnected, boolean more) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("front_door", "chat");
        doc.put("reason", "moved");
        doc.put("lines", lines);
        doc.put("disconnected", disconnected);
        doc.put("more", more);
        return doc;
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "CBOR"}) // converted by Codec.valueOf
    void welcomeBackPartsReachTheHandlerAsOneCallbackAnsweredWhenItReturns(Codec codec) throws Exception {
        BlockingQueue<WelcomeBack> welcomes = new LinkedBlockingQueue<>();
        CountDownLatch release = new CountDownLatch(1);
        FrontDoorHandler handler = new FrontDoorHandler() {
            @Override
            public void onWelcomeBack(WelcomeBack welcome) throws InterruptedException {
                welcomes.add(welcome);
                release.await(10, TimeUnit.SECONDS);
            }

            @Override
            public Object onInput(Line line, LineInput input) {
                return null;
            }
        };
        try (FrontDoorServer server = new FrontDoorServer(codec, d -> Result.ok(d.id(), null));
                SwitchboardClient client = server.client(codec);
                Publication pub = client.handleFrontDoor("chat", handler)) {
            assertThat(server.publishes).singleElement().satisfies(p -> {
                assertThat(p.alias()).isEqualTo("chat");
                assertThat(p.methods()).containsExactlyInAnyOrderElementsOf(FrontDoorHandler.METHODS);
            });

            server.send(
                    1,
                    "welcome-back",
                    Map.of(),
                    welcomePart(List.of(entry("a", true, 0), entry("b", false, 3)), List.of(), true));
            server.send(
                    2,
                    "welcome-back",
                    Map.of(),
                    welcomePart(List.of(withAttributes(entry("c", true, 0))), List.of(entry("d", true, 1)), false));

            assertThat(server.result(1).code())
                    .as("a part with more to come is answered at once")
                    .isEqualTo(ResultCode.OK);
            WelcomeBack welcome = welcomes.poll(10, TimeUnit.SECONDS);
            assertThat(welcome).isNotNull();
            assertThat(server.results)
                    .as("the last part is answered only when the handler returns")
                    .isEmpty();
            release.countDown();
            assertThat(server.result(2).code()).isEqualTo(ResultCode.OK);

            assertThat(welcome.frontDoor()).isEqualTo("chat");
            assertThat(welcome.reason()).isEqualTo(WelcomeBack.MOVED);
            assertThat(welcome.lines()).extracting(e -> e.line().id()).containsExactly("a", "b", "c");
            assertThat(welcome.lines().get(1).announced()).isFalse();
            assertThat(welcome.lines().get(1).dropped()).isEqualTo(3);
            assertThat(welcome.lines().get(0).line())
                    .isEqualTo(new Line(
                            "a", "10.0.0.9:40112", "tcp", Instant.ofEpochMilli(CONNECTED_AT + 500), "chat", false));
            assertThat(welcome.lines().get(0).line().attributes()).isEmpty();
            assertThat(welcome.lines().get(2).line().attributes())
                    .containsExactly(Map.entry("nick", "ada"), Map.entry("room", "lobby"));
            assertThat(welcome.lines().get(2).line().attribute("nick")).isEqualTo("ada");
            assertThat(welcome.disconnected()).singleElement().satisfies(e -> {
                assertThat(e.line().id()).isEqualTo("d");
                assertThat(e.dropped()).isEqualTo(1);
            });
            assertThat(welcomes).as("one callback for both parts").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "CBOR"}) // converted by Codec.valueOf
    void lineEventsReachTheHandlerAndRepliesGoBackAsTheContractSays(Codec codec) throws Exception {
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        FrontDoorHandler handler = new FrontDoorHandler() {
            @Override
            public void onConnect(Line line) {
                seen.add(line);
            }

            @Override
            public Object onInput(Line line, LineInput input) {
                seen.add(input);
                if (input.isText()) {
                    return "echo: " + input.text();
                }
                byte[] b = input.bytes();
                byte[] reversed = new byte[b.length];
                for (int i = 0; i < b.length; i++) {
                    reversed[i] = b[b.length - 1 - i];
                }
                return reversed;
            }

            @Override
            public void onDisconnect(Line line, String reason) {
                seen.add(line.id() + " left: " + reason);
            }
        };
        try (FrontDoorServer server = new FrontDoorServer(codec, d -> Result.ok(d.id(), null));
                SwitchboardClient client = server.client(codec);
                Publication pub = client.handleFrontDoor("chat", handler)) {
            server.send(1, "connect", lineHeaders("redelivered", "true", "attr.nick", "ada", "attr.x.y", ""), null);
            assertThat(server.result(1).code()).isEqualTo(ResultCode.OK);
            assertThat(seen.poll())
                    .isEqualTo(new Line(
                            LINE,
                            "10.0.0.7:51544",
                            "websocket",
                            Instant.ofEpochMilli(CONNECTED_AT),
                            "chat",
                            true,
                            Map.of("nick", "ada", "x.y", "")));

            server.send(2, "input", lineHeaders("kind", "text", "received_at", "1796000000900"), "héllo");
            Result text = server.result(2);
            assertThat(text.code()).isEqualTo(ResultCode.OK);
            assertThat(server.mapper.readValue(text.payload(), String.class)).isEqualTo("echo: héllo");
            LineInput textInput = (LineInput) seen.poll();
            assertThat(textInput.isText()).isTrue();
            assertThat(textInput.receivedAt()).isEqualTo(Instant.ofEpochMilli(1_796_000_000_900L));

            byte[] binary = {0, 1, 2, (byte) 0xff};
            server.send(3, "input", lineHeaders("kind", "binary", "received_at", "1796000001000"), binary);
            Result reply = server.result(3);
            assertThat(reply.code()).isEqualTo(ResultCode.OK);
            byte[] reversed = {(byte) 0xff, 2, 1, 0};
            if (codec == Codec.CBOR) {
                try (var parser = server.mapper.createParser(reply.payload())) {
                    assertThat(parser.nextToken()).as("a CBOR byte string").isEqualTo(JsonToken.VALUE_EMBEDDED_OBJECT);
                    assertThat(parser.getBinaryValue()).isEqualTo(reversed);
                }
                assertThat(server.linesCalls).isEmpty();
            } else {
                // JSON has no byte string: the binary reply went as a $lines send before the (empty) RESULT.
                Deliver send = server.linesCall();
                assertThat(send.alias()).isEqualTo("$lines");
                assertThat(send.method()).isEqualTo("send");
                JsonNode doc = server.mapper.readTree(send.payload());
                assertThat(doc.get("line").asText()).isEqualTo(LINE);
                assertThat(doc.get("binary").binaryValue()).isEqualTo(reversed);
                assertThat(reply.payload()).isEmpty();
            }
            LineInput binaryInput = (LineInput) seen.poll();
            assertThat(binaryInput.isText()).isFalse();
            assertThat(binaryInput.bytes()).isEqualTo(binary);

            server.send(4, "disconnect", lineHeaders("reason", "closed by user"), null);
            assertThat(server.result(4).code()).isEqualTo(ResultCode.OK);
            assertThat(seen.poll()).isEqualTo(LINE + " left: closed by user");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "CBOR"}) // converted by Codec.valueOf
    void eventsThatAreNotAFrontDoorsAreRefusedBadRequestAndAFailingHandlerAnswersHandlerError(Codec codec)
            throws Exception {
        FrontDoorHandler handler = (line, input) -> {
            throw new IllegalStateException("no input today");
        };
        try (FrontDoorServer server = new FrontDoorServer(codec, d -> Result.ok(d.id(), null));
                SwitchboardClient client = server.client(codec);
                Publication pub = client.handleFrontDoor("chat", handler)) {
            server.server
                    .peer(0)
                    .write(new Deliver(
                            1, "chat", "connect", 30_000, CallMeta.of("mallory", lineHeaders()), Deliver.NO_PAYLOAD));
            Result notFrontDoor = server.result(1);
            assertThat(notFrontDoor.code()).isEqualTo(ResultCode.BAD_REQUEST);
            assertThat(notFrontDoor.message()).contains("mallory");

            Map<String, String> noLine = lineHeaders();
            noLine.remove("line");
            server.send(2, "connect", noLine, null);
            Result missing = server.result(2);
            assertThat(missing.code()).isEqualTo(ResultCode.BAD_REQUEST);
            assertThat(missing.message()).contains("'line'");

            server.send(3, "input", lineHeaders("kind", "smoke", "received_at", "1"), "x");
            assertThat(server.result(3).message()).contains("smoke");

            server.send(4, "input", lineHeaders("kind", "text", "received_at", "1"), "x");
            Result failed = server.result(4);
            assertThat(failed.code()).isEqualTo(ResultCode.HANDLER_ERROR);
            assertThat(failed.message()).isEqualTo("no input today");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "CBOR"}) // converted by Codec.valueOf
    void linesSendsTheContractsDocumentsAndTypesNoSuchLine(Codec codec) throws Exception {
        ObjectMapper mapper = codec == Codec.CBOR ? new CBORMapper() : new JsonMapper();
        try (FrontDoorServer server = new FrontDoorServer(codec, d -> {
                    try {
                        JsonNode doc = mapper.readTree(d.payload());
                        if ("gone".equals(doc.path("line").asText())) {
                            return Result.failure(d.id(), ResultCode.NO_SUCH_LINE, "line gone is not open");
                        }
                        if (d.method().equals("broadcast")) {
                            return Result.ok(
                                    d.id(), mapper.writeValueAsBytes(Map.of("sent", 2, "missing", List.of("z"))));
                        }
                        return Result.ok(d.id(), null);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                SwitchboardClient client = server.client(codec)) {
            Lines lines = client.lines();

            lines.send(LINE, "hi");
            JsonNode text = mapper.readTree(server.linesCall().payload());
            assertThat(text.get("line").asText()).isEqualTo(LINE);
            assertThat(text.get("text").asText()).isEqualTo("hi");

            lines.sendAsync(LINE, new byte[] {7, 8}).get(10, TimeUnit.SECONDS);
            Deliver binarySend = server.linesCall();
            assertThat(mapper.readTree(binarySend.payload()).get("binary").binaryValue())
                    .containsExactly(7, 8);
            if (codec == Codec.CBOR) {
                assertThat(mapper.readTree(binarySend.payload()).get("binary").isBinary())
                        .isTrue();
            }

            LineNotFoundException gone =
                    catchThrowableOfType(LineNotFoundException.class, () -> lines.send("gone", "anyone?"));
            assertThat(gone.code()).isEqualTo(ResultCode.NO_SUCH_LINE);
            assertThat(gone).hasMessageContaining("line gone is not open");
            server.linesCall();

            lines.close(LINE, "bye");
            Deliver close = server.linesCall();
            assertThat(close.method()).isEqualTo("close");
            assertThat(mapper.readTree(close.payload()).get("reason").asText()).isEqualTo("bye");

            Map<String, String> changes = new LinkedHashMap<>();
            changes.put("nick", "grace");
            changes.put("room", null);
            lines.setAttributes(LINE, changes);
            Deliver set = server.linesCall();
            assertThat(set.method()).isEqualTo("set-attributes");
            JsonNode setDoc = mapper.readTree(set.payload());
            assertThat(setDoc.get("line").asText()).isEqualTo(LINE);
            assertThat(setDoc.get("attributes").get("nick").asText()).isEqualTo("grace");
            assertThat(setDoc.get("attributes").get("room").isNull())
                    .as("a null removes, so it must travel")
                    .isTrue();
            assertThat(catchThrowableOfType(
                                    LineNotFoundException.class, () -> lines.setAttributes("gone", Map.of("nick", "x")))
                            .code())
                    .isEqualTo(ResultCode.NO_SUCH_LINE);
            server.linesCall();

            BroadcastResult some = lines.broadcast(List.of("x", "y", "z"), "all");
            assertThat(some).isEqualTo(new BroadcastResult(2, List.of("z")));
            JsonNode listed = mapper.readTree(server.linesCall().payload());
            assertThat(listed.get("lines")).extracting(JsonNode::asText).containsExactly("x", "y", "z");

            assertThat(lines.broadcastAllAsync("chat", new byte[] {1})
                            .get(10, TimeUnit.SECONDS)
                            .sent())
                    .isEqualTo(2);
            JsonNode all = mapper.readTree(server.linesCall().payload());
            assertThat(all.get("front_door").asText()).isEqualTo("chat");
            assertThat(all.get("binary").binaryValue()).containsExactly(1);
        }
    }
}
