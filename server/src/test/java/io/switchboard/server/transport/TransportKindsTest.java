package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.HandlerPeer;
import io.switchboard.server.testing.TcpUser;
import io.switchboard.server.testing.TestPeer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Each transport ({@code -Dswitchboard.transport}) serves TCP and unix sockets and the front door alike; a kind the
 * machine lacks, or a name that is none, stops the start with the reason.
 */
class TransportKindsTest {

    @TempDir
    Path dir;

    /** What the run set (a whole suite can be run on one transport), put back after each test. */
    private final String given = System.getProperty(Transport.TRANSPORT_PROPERTY);

    @AfterEach
    void restore() {
        if (given == null) {
            System.clearProperty(Transport.TRANSPORT_PROPERTY);
        } else {
            System.setProperty(Transport.TRANSPORT_PROPERTY, given);
        }
    }

    /** Runs the test on {@code kind}, skipped where this machine does not offer it (epoll and io_uring: Linux). */
    private static void use(String kind) {
        assumeTrue(!kind.equals("epoll") || Epoll.isAvailable(), "epoll unavailable here");
        assumeTrue(!kind.equals("io_uring") || IoUring.isAvailable(), "io_uring unavailable here");
        System.setProperty(Transport.TRANSPORT_PROPERTY, kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "io_uring"})
    void callsFromTcpToAUnixSocketPublisher(String kind) throws Exception {
        use(kind);
        Path socket = dir.resolve(kind + ".sock");
        try (SwitchboardServer server = SwitchboardServer.start(
                        ServerConfig.builder().port(0).unixSocket(socket).build());
                TestPeer publisher = TestPeer.binary(socket);
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            assertThat(server.transportName()).isEqualTo(kind);
            publisher.hello("cbor");
            caller.hello("json");
            publisher.send(new Publish(1, "svc", List.of("m"), null, null));
            publisher.expect(Ack.class);
            caller.send(new Deliver(5, "svc", "m", 5_000, "\"x\"".getBytes()));
            Deliver delivered = publisher.expect(Deliver.class);
            publisher.send(Result.ok(delivered.id(), delivered.payload()));
            Result result = caller.expect(Result.class);
            assertThat(result.code()).isEqualTo(ResultCode.OK);
            assertThat(new String(result.payload())).isEqualTo("\"x\"");
        }
        assertThat(socket).doesNotExist();
    }

    /**
     * io-spin-micros wraps each transport's loop ({@link SpinningIoHandler}), and io-spin-max-calls-per-second turns
     * the polling off while calls come fast. With a cap of 20,000 calls a second, the sequential calls here (each a
     * round trip through this test's threads) come slower than that and the loop polls between them, while the burst
     * of 500 comes faster and the loop sleeps between frames again. Every call is answered once, with its own payload,
     * either way and after. (The switch itself is checked in CallRateCapTest and SpinningIoHandlerCapTest.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "io_uring"})
    void aServerThatPollsAnswersEveryCallBelowAndAboveItsCallRateCap(String kind) throws Exception {
        use(kind);
        try (SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                        .port(0)
                        .ioSpinMicros(50)
                        .ioSpinMaxCallsPerSecond(20_000)
                        .build());
                TestPeer publisher = TestPeer.binary(server.tcpPort());
                TestPeer caller = TestPeer.binary(server.tcpPort())) {
            publisher.hello("json");
            caller.hello("json");
            publisher.send(new Publish(1, "svc", List.of("m"), null, null));
            publisher.expect(Ack.class);
            long id = 1;
            for (int i = 0; i < 20; i++, id++) {
                callAndAnswer(caller, publisher, id);
            }
            int burst = 500;
            for (int i = 0; i < burst; i++) {
                caller.send(new Deliver(id + i, "svc", "m", 10_000, quoted(id + i)));
            }
            for (int i = 0; i < burst; i++) {
                Deliver delivered = publisher.expect(Deliver.class);
                publisher.send(Result.ok(delivered.id(), delivered.payload()));
            }
            Set<Long> answered = new HashSet<>();
            for (int i = 0; i < burst; i++) {
                Result result = caller.expect(Result.class);
                assertThat(result.code()).isEqualTo(ResultCode.OK);
                assertThat(result.payload()).isEqualTo(quoted(result.id()));
                answered.add(result.id());
            }
            assertThat(answered).hasSize(burst).allMatch(n -> n >= 21 && n < 21 + burst);
            id += burst;
            for (int i = 0; i < 20; i++, id++) {
                callAndAnswer(caller, publisher, id);
            }
        }
    }

    private static byte[] quoted(long n) {
        return ("\"" + n + "\"").getBytes(StandardCharsets.UTF_8);
    }

    private static void callAndAnswer(TestPeer caller, TestPeer publisher, long id) throws IOException {
        caller.send(new Deliver(id, "svc", "m", 10_000, quoted(id)));
        Deliver delivered = publisher.expect(Deliver.class);
        publisher.send(Result.ok(delivered.id(), delivered.payload()));
        Result result = caller.expect(Result.class);
        assertThat(result.id()).isEqualTo(id);
        assertThat(result.code()).isEqualTo(ResultCode.OK);
        assertThat(result.payload()).isEqualTo(quoted(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "io_uring"})
    void aFrontDoorLineTalksToItsHandlerAndGetsBroadcasts(String kind) throws Exception {
        use(kind);
        FrontDoorConfig door =
                FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo").build();
        try (SwitchboardServer server = SwitchboardServer.start(
                        ServerConfig.builder().port(0).frontDoors(List.of(door)).build());
                HandlerPeer handler = HandlerPeer.publish(server.tcpPort(), "echo", "cbor")) {
            handler.ack("welcome-back");
            try (TcpUser first = new TcpUser(server.frontDoorPort("echo"));
                    TcpUser second = new TcpUser(server.frontDoorPort("echo"))) {
                handler.ack("connect");
                handler.ack("connect");
                first.send("hello");
                Deliver input = handler.event("input");
                assertThat(handler.payload(input).asText()).isEqualTo("hello");
                handler.ok(input, "back to you");
                assertThat(first.next()).isEqualTo("back to you");

                Result sent = handler.lines("broadcast", Map.of("front_door", "echo", "text", "news"));
                JsonNode answer = Codec.CBOR.mapper().readTree(sent.payload());
                assertThat(answer.get("sent").asInt()).isEqualTo(2);
                assertThat(first.next()).isEqualTo("news");
                assertThat(second.next()).isEqualTo("news");
            }
        }
    }

    @Test
    void aBroadcastToMoreLinesThanNettysDefaultCompletionQueueHoldsOverflowsNothing() throws Exception {
        use("io_uring");
        int lines = 5_000; // one I/O thread, and Netty's default completion queue holds 4,096
        long openFiles =
                ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        assumeTrue(openFiles > 2L * lines + 1_000, "the open-files limit " + openFiles + " is too low here");
        FrontDoorConfig door = FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "many")
                .maxLines(lines)
                .maxLinesPerAddress(0)
                .maxInputRatePerAddress(0)
                .build();
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        Logger ring = (Logger) LoggerFactory.getLogger(IoUringIoHandler.class);
        ring.addAppender(warnings);
        List<Socket> users = new ArrayList<>();
        try (SwitchboardServer server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .ioThreads(1)
                .frontDoors(List.of(door))
                .build())) {
            for (int i = 0; i < lines; i++) {
                Socket user = new Socket("127.0.0.1", server.frontDoorPort("many"));
                user.setSoTimeout(30_000);
                users.add(user);
            }
            Awaits.await(
                    Duration.ofSeconds(30),
                    "all lines open",
                    () -> server.frontDoorStats("many").openLines() == lines);
            try (HandlerPeer handler = HandlerPeer.publish(server.tcpPort(), "many", "cbor")) {
                handler.ack("welcome-back");
                Result sent = handler.lines("broadcast", Map.of("front_door", "many", "text", "news"));
                assertThat(Codec.CBOR
                                .mapper()
                                .readTree(sent.payload())
                                .get("sent")
                                .asInt())
                        .isEqualTo(lines);
                for (Socket user : users) {
                    assertThat(readLine(user)).isEqualTo("news");
                }
            }
        } finally {
            ring.detachAppender(warnings);
            for (Socket user : users) {
                user.close();
            }
        }
        assertThat(warnings.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.contains("overflow"));
    }

    private static String readLine(Socket user) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        InputStream in = user.getInputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new AssertionError("the server closed a line before the broadcast reached it");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll", "io_uring"})
    void everyPortIsReleasedWhenTheServerHasStopped(String kind) throws Exception {
        use(kind);
        SwitchboardServer server = SwitchboardServer.start(
                ServerConfig.builder().port(0).monitorPort(0).build());
        int tcp = server.tcpPort();
        int monitor = server.monitorPort();
        // Shut down as the admin CLI does, over the monitoring port, and keep that connection open meanwhile.
        try (Socket admin = new Socket("127.0.0.1", monitor)) {
            admin.getOutputStream()
                    .write("POST /admin/shutdown HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(admin.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).startsWith("HTTP/1.1 20");
            server.shutdown().get(30, TimeUnit.SECONDS);
        }
        // Bound again at once, as a restart on the same ports would (io_uring's loops once kept the monitor's).
        for (int port : new int[] {tcp, monitor}) {
            try (ServerSocket again = new ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(new InetSocketAddress("127.0.0.1", port));
            }
        }
    }

    @Test
    void autoIsEpollWhereAvailableAndNeverIoUring() {
        assertThat(Transport.choose("auto")).isEqualTo(Epoll.isAvailable() ? Transport.Kind.EPOLL : Transport.Kind.NIO);
        assertThat(Transport.choose("nio")).isEqualTo(Transport.Kind.NIO);
    }

    @Test
    void anUnknownOrMissingKindIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Transport.choose("uring"))
                .hasMessage("-Dswitchboard.transport must be auto, nio, epoll or io_uring, not 'uring'");
        if (!IoUring.isAvailable()) {
            assertThatThrownBy(() -> Transport.choose("io_uring"))
                    .hasMessageStartingWith("io_uring transport requested but unavailable: ");
        }
        if (!Epoll.isAvailable()) {
            assertThatThrownBy(() -> Transport.choose("epoll"))
                    .hasMessageStartingWith("epoll transport requested but unavailable: ");
        }
    }
}
