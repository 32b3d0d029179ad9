package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.SessionState;
import io.switchboard.protocol.message.Subscribe;
import io.switchboard.protocol.message.Unsubscribe;
import io.switchboard.protocol.message.Welcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Client behaviour against servers that misbehave in ways a real server will not. */
class ScriptedServerTest {

    private static Welcome welcome(String codec, long heartbeatMs) {
        return new Welcome(
                Protocol.VERSION,
                "scripted",
                List.of(),
                codec,
                Protocol.DEFAULT_MAX_FRAME_SIZE,
                heartbeatMs,
                new Welcome.Limits(30_000, 300_000, 1024));
    }

    private static ClientOptions.Builder options(ScriptedServer server) {
        return ClientOptions.builder()
                .url(server.url())
                .reconnectInitialBackoff(Duration.ofMillis(20))
                .reconnectMaxBackoff(Duration.ofMillis(100));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void refusedHandshakeFailsConnectWithTheServersMessage() throws IOException {
        try (ScriptedServer server = new ScriptedServer(peer -> {
            peer.handshake(null);
            peer.write(new ErrorMessage(0, ErrorCode.VERSION_MISMATCH, "this server speaks version 9 only"));
        })) {
            NotConnectedException e = catchThrowableOfType(
                    NotConnectedException.class,
                    () -> SwitchboardClient.connect(options(server)
                            .connectTimeout(Duration.ofMillis(500))
                            .build()));
            assertThat(e.getMessage()).contains(server.url()).contains("this server speaks version 9 only");
            assertThat(e.getCause()).isInstanceOf(RequestException.class);
            assertThat(((RequestException) e.getCause()).code()).isEqualTo(ErrorCode.VERSION_MISMATCH);
        }
    }

    @Test
    void refusedHandshakeIsNotRetried() throws IOException {
        java.util.concurrent.atomic.AtomicInteger hellos = new java.util.concurrent.atomic.AtomicInteger();
        try (ScriptedServer server = new ScriptedServer(peer -> {
            peer.handshake(null);
            hellos.incrementAndGet();
            peer.write(new ErrorMessage(0, ErrorCode.UNKNOWN_CODEC, "no codec in common"));
        })) {
            // Retrying would go on for ten minutes; the refusal ends connect() after one attempt.
            NotConnectedException e = catchThrowableOfType(
                    NotConnectedException.class,
                    () -> SwitchboardClient.connect(options(server)
                            .connectTimeout(Duration.ofMinutes(10))
                            .build()));
            assertThat(e.getMessage()).contains("no codec in common");
            assertThat(hellos).hasValue(1);
        }
    }

    @Test
    void silentServerFailsConnectAfterTheConnectTimeout() throws IOException {
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.Peer::readUntilClosed)) {
            NotConnectedException e = catchThrowableOfType(
                    NotConnectedException.class,
                    () -> SwitchboardClient.connect(options(server)
                            .connectTimeout(Duration.ofMillis(300))
                            .build()));
            assertThat(e.getMessage()).contains(server.url()).contains("300 ms");
        }
    }

    @Test
    void nothingListeningFailsConnectNamingTheUrl() throws IOException {
        String url;
        try (ScriptedServer server = new ScriptedServer(ScriptedServer.Peer::readUntilClosed)) {
            url = server.url();
        }
        NotConnectedException e = catchThrowableOfType(
                NotConnectedException.class,
                () -> SwitchboardClient.connect(ClientOptions.builder()
                        .url(url)
                        .connectTimeout(Duration.ofMillis(300))
                        .build()));
        assertThat(e.getMessage()).contains(url);
    }

    @Test
    void helloCarriesTheOptionsAndTheHeartbeatKeepsTheConnectionHonest() throws Exception {
        try (ScriptedServer server = new ScriptedServer(peer -> {
                    peer.handshake(welcome("cbor", 100));
                    peer.write(new Ping(77));
                    peer.readUntilClosed(); // never answers the client's PINGs: the client must give up on us
                });
                SwitchboardClient client = SwitchboardClient.connect(options(server)
                        .clientName("scripted-test")
                        .codec(Codec.CBOR)
                        .token("secret")
                        .heartbeat(Duration.ofMillis(100))
                        .build())) {
            ScriptedServer.Peer first = server.peer(0);
            assertThat(first.hello.version()).isEqualTo(Protocol.VERSION);
            assertThat(first.hello.client()).isEqualTo("scripted-test");
            assertThat(first.hello.codecs()).containsExactly("cbor", "json");
            assertThat(first.hello.credentials()).isEqualTo(Map.of("token", "secret"));
            assertThat(first.hello.heartbeatMs()).isEqualTo(100L);
            assertThat(client.codec()).contains(Codec.CBOR);

            assertThat(first.next(Pong.class).id())
                    .as("the server's PING is answered")
                    .isEqualTo(77);
            assertThat(first.next(Ping.class))
                    .as("the client pings when it has nothing to say")
                    .isNotNull();
            await("the client hangs up on a server silent for three heartbeats", () -> first.sawEndOfStream);
            await("and connects again", () -> server.connections() >= 2);
        }
    }

    @Test
    void trafficCountsTheBytesOnTheWireInBothDirectionsAndAcrossReconnects() throws Exception {
        try (ScriptedServer server = new ScriptedServer(peer -> {
                    peer.handshake(welcome("json", 10_000));
                    peer.write(new Ping(5)); // the client answers with a PONG
                    peer.readUntilClosed();
                });
                SwitchboardClient client = SwitchboardClient.connect(
                        options(server).codec(Codec.JSON).build())) {
            String payload = "x".repeat(1000);
            catchThrowableOfType(
                    CallException.class, () -> client.call("svc", "m", payload, String.class, Duration.ofMillis(200)));
            ScriptedServer.Peer first = server.peer(0);
            await("DELIVER and PONG at the server", () -> got(first, Deliver.class) && got(first, Pong.class));
            // What the server read and wrote is exactly what the client wrote and read: magic, HELLO, DELIVER, PONG.
            await(
                    "the client's counts match the server's",
                    () -> client.traffic().equals(new ClientTraffic(first.bytesRead.get(), first.bytesWritten.get())));
            ClientTraffic before = client.traffic();
            assertThat(before.bytesSent()).as("at least the call's payload").isGreaterThan(1000 + 4 + 4);
            assertThat(before.bytesReceived()).as("WELCOME and PING").isGreaterThan(8);

            first.close();
            await("connected again", () -> server.connections() >= 2 && client.isConnected());
            ScriptedServer.Peer second = server.peer(server.connections() - 1);
            await("PONG over the new connection", () -> got(second, Pong.class));
            await(
                    "the counts go on over the new connection",
                    () -> client.traffic()
                            .equals(new ClientTraffic(
                                    sum(server, p -> p.bytesRead.get()), sum(server, p -> p.bytesWritten.get()))));
            ClientTraffic after = client.traffic().since(before);
            assertThat(after.bytesSent()).as("magic, HELLO, PONG again").isGreaterThan(4 + 4 + 4);
            assertThat(after.bytesReceived()).isEqualTo(second.bytesWritten.get());
        }
    }

    private static boolean got(ScriptedServer.Peer peer, Class<? extends Message> type) {
        return peer.received.stream().anyMatch(type::isInstance);
    }

    private static long sum(ScriptedServer server, java.util.function.ToLongFunction<ScriptedServer.Peer> bytes) {
        long total = 0;
        for (int i = 0; i < server.connections(); i++) {
            total += bytes.applyAsLong(server.peer(i));
        }
        return total;
    }

    @Test
    void aCallTheServerNeverAnswersEndsAtItsDeadline() throws Exception {
        try (ScriptedServer server = new ScriptedServer(peer -> {
                    peer.handshake(welcome("json", 10_000));
                    peer.readUntilClosed();
                });
                SwitchboardClient client = SwitchboardClient.connect(
                        options(server).codec(Codec.JSON).build())) {
            CallException e = catchThrowableOfType(
                    CallException.class,
                    () -> client.call("svc", "m", Map.of("x", 1), String.class, Duration.ofMillis(200)));
            assertThat(e.code()).isEqualTo(ResultCode.TIMEOUT);
            Deliver sent = server.peer(0).next(Deliver.class);
            assertThat(sent.alias()).isEqualTo("svc");
            assertThat(sent.timeoutMs()).isBetween(1L, 200L);
            assertThat(new String(sent.payload())).isEqualTo("{\"x\":1}");
        }
    }

    @Test
    void aResultWithACodeThisClientDoesNotKnowFailsItsCallAtOnceAndTheConnectionGoesOn() throws Exception {
        try (ScriptedServer server = new ScriptedServer(peer -> {
                    peer.handshake(welcome("json", 10_000));
                    Thread reader = new Thread(peer::readUntilClosed, "scripted-reader");
                    reader.setDaemon(true);
                    reader.start();
                    try {
                        Deliver first = peer.next(Deliver.class);
                        // A newer server's code: [length u32][type u8][id u64][code u8]...
                        peer.write(Result.ok(first.id(), new byte[0]), bytes -> {
                            bytes[4 + 1 + 8] = 99;
                            return bytes;
                        });
                        Deliver second = peer.next(Deliver.class);
                        peer.write(Result.ok(second.id(), "\"fine\"".getBytes(StandardCharsets.UTF_8)));
                        reader.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                SwitchboardClient client = SwitchboardClient.connect(
                        options(server).codec(Codec.JSON).build())) {
            // Without the fix the call waited for its (long) deadline and then failed as a timeout.
            SwitchboardException e = catchThrowableOfType(
                    SwitchboardException.class,
                    () -> client.call("svc", "m", null, String.class, Duration.ofSeconds(60)));
            assertThat(e).isNotInstanceOf(CallException.class);
            assertThat(e.getMessage()).contains("unknown result code 99").contains("newer");
            assertThat(client.call("svc", "m", null, String.class, Duration.ofMinutes(1)))
                    .isEqualTo("fine");
        }
    }

    @Test
    void closingTheClientFailsPendingCallsClearly() throws Exception {
        try (ScriptedServer server = new ScriptedServer(peer -> {
            peer.handshake(welcome("json", 10_000));
            peer.readUntilClosed();
        })) {
            SwitchboardClient client = SwitchboardClient.connect(options(server).build());
            var pending = client.callAsync("svc", "m", null, String.class, Duration.ofSeconds(60));
            server.peer(0).next(Deliver.class);
            client.close();
            var e = catchThrowableOfType(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(ClientClosedException.class);
            assertThatCallFailsAtOnce(client);
        }
    }

    @Test
    void subscriptionCloseSendsUnsubscribeAndPublicationCloseSendsRescind() throws Exception {
        try (ScriptedServer server = new ScriptedServer(peer -> {
                    peer.handshake(welcome("json", 10_000));
                    try {
                        while (true) {
                            Message m = peer.read();
                            peer.received.add(m);
                            if (m instanceof Subscribe s) {
                                peer.write(new SessionEvent(s.req(), s.alias(), SessionState.ABSENT, null, null));
                            } else if (m instanceof Unsubscribe u) {
                                peer.write(new Ack(u.req()));
                            } else if (m instanceof Publish p) {
                                peer.write(new Ack(p.req()));
                            } else if (m instanceof Rescind r) {
                                peer.write(new Ack(r.req()));
                            }
                        }
                    } catch (IOException e) {
                        peer.sawEndOfStream = true;
                    }
                });
                SwitchboardClient client = SwitchboardClient.connect(
                        options(server).codec(Codec.JSON).build())) {
            List<SessionChange> changes = new CopyOnWriteArrayList<>();
            Subscription sub = client.subscribe("svc", changes::add);
            assertThat(changes)
                    .singleElement()
                    .isEqualTo(new SessionChange("svc", SessionChange.State.ABSENT, List.of(), List.of()));
            sub.close();
            assertThat(server.peer(0).next(Unsubscribe.class).alias()).isEqualTo("svc");

            Publication pub = client.publish(
                    PublishOptions.builder("mine")
                            .method("m")
                            .idempotent(List.of("m"))
                            .maxInflight(3)
                            .build(),
                    call -> null,
                    Runnable::run);
            Publish sent = server.peer(0).next(Publish.class);
            assertThat(sent.alias()).isEqualTo("mine");
            assertThat(sent.methods()).containsExactly("m");
            assertThat(sent.idempotent()).containsExactly("m");
            assertThat(sent.maxInflight()).isEqualTo(3);
            pub.close();
            assertThat(server.peer(0).next(Rescind.class).alias()).isEqualTo("mine");
        }
    }

    private static void assertThatCallFailsAtOnce(SwitchboardClient closed) {
        ClientClosedException e =
                catchThrowableOfType(ClientClosedException.class, () -> closed.call("svc", "m", null, String.class));
        assertThat(e).isNotNull();
    }
}
