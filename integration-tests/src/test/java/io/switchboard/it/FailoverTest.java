package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.switchboard.client.CallException;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.ConnectionListener;
import io.switchboard.client.ConnectionLostException;
import io.switchboard.client.RegisterOptions;
import io.switchboard.client.ServerUrl;
import io.switchboard.client.SessionChange;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.internal.ConnectionManager;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A client given several server URLs fails over between real servers: it connects to the first that answers, moves
 * on to the next URL when its server is lost (round-robin), restores its publications there, and never leaves a
 * call in flight at the loss without an answer.
 */
class FailoverTest {

    @TempDir
    Path dir;

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();

    @AfterEach
    void stop() {
        release.countDown();
        for (int i = closeAtEnd.size() - 1; i >= 0; i--) {
            Fixtures.closeAll(closeAtEnd.get(i));
        }
        handlers.shutdownNow();
    }

    private <T extends AutoCloseable> T closeAtEnd(T closeable) {
        closeAtEnd.add(closeable);
        return closeable;
    }

    private SwitchboardServer server() {
        return closeAtEnd(SwitchboardServer.start(
                Fixtures.serverConfig().shutdownGraceMs(300).build()));
    }

    private SwitchboardServer restart(SwitchboardServer stopped) {
        ServerConfig config = Fixtures.serverConfig()
                .shutdownGraceMs(300)
                .port(stopped.tcpPort())
                .build();
        return closeAtEnd(SwitchboardServer.start(config));
    }

    private SwitchboardClient client(String urls, Codec codec, ConnectionListener listener) {
        ClientOptions.Builder options = Fixtures.clientOptions(urls, codec);
        if (listener != null) {
            options.connectionListener(listener);
        }
        return closeAtEnd(SwitchboardClient.connect(options.build()));
    }

    /** "calc" plus "held.wait", which holds its call until the test releases it. */
    private void publishAll(SwitchboardClient publisher) {
        publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
        publisher.publish(
                "held",
                List.of("wait"),
                call -> {
                    entered.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    return "released";
                },
                handlers);
    }

    private static ServerUrl url(String text) {
        return ServerUrl.parse(text);
    }

    private static void awaitConnectedTo(SwitchboardClient client, String url) {
        Fixtures.await(
                "the client is connected to " + url,
                () -> client.isConnected() && client.connectedUrl().equals(java.util.Optional.of(url(url))));
    }

    private static void awaitCalcOn(SwitchboardClient caller) {
        Fixtures.await(
                "calc is published where " + caller.connectedUrl() + " is",
                () -> caller.list().stream().anyMatch(s -> s.alias().equals(Calculator.ALIAS)));
    }

    /** The call in flight at the loss ends with an error, well within its own (long) deadline. */
    private static Throwable failureOf(CompletableFuture<?> call) {
        ExecutionException e = catchThrowableOfType(
                ExecutionException.class, () -> call.get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(e)
                .as("the call in flight at the loss failed within " + Fixtures.PATIENCE + ", not silence")
                .isNotNull();
        return e.getCause();
    }

    /** A port nothing listens on: connecting is refused. */
    private static int deadPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void connectsToTheFirstServerUpInTheOrderGiven() throws Exception {
        SwitchboardServer a = server();
        SwitchboardServer b = server();
        String dead = "tcp://127.0.0.1:" + deadPort();

        SwitchboardClient skipsTheDeadOne = client(dead + "," + Fixtures.tcpUrl(b), Codec.CBOR, null);
        assertThat(skipsTheDeadOne.connectedUrl()).contains(url(Fixtures.tcpUrl(b)));

        SwitchboardClient inOrder = client(Fixtures.tcpUrl(b) + "," + Fixtures.tcpUrl(a), Codec.JSON, null);
        assertThat(inOrder.connectedUrl()).contains(url(Fixtures.tcpUrl(b)));
    }

    @Test
    void aSilentFirstServerLeavesTimeForTheNextWithinTheConnectTimeout() throws Exception {
        SwitchboardServer b = server();
        // Accepts TCP connections (the kernel does, into the backlog) but never answers HELLO: a hung node.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String urls = "tcp://127.0.0.1:" + silent.getLocalPort() + "," + Fixtures.tcpUrl(b);
            ClientOptions options = Fixtures.clientOptions(urls, Codec.CBOR)
                    .connectTimeout(Duration.ofSeconds(8))
                    .build();
            assertThat(options.attemptTimeout()).isEqualTo(Duration.ofSeconds(4));
            SwitchboardClient client = closeAtEnd(SwitchboardClient.connect(options));
            assertThat(client.connectedUrl()).contains(url(Fixtures.tcpUrl(b)));
        }
    }

    @Test
    void gracefulLossMovesPublisherAndCallerToTheNextServer() throws Exception {
        SwitchboardServer a = server();
        SwitchboardServer b = server();
        String urls = Fixtures.tcpUrl(a) + "," + Fixtures.tcpUrl(b);
        List<SessionChange> events = new CopyOnWriteArrayList<>();
        Logger managerLog = (Logger) LoggerFactory.getLogger(ConnectionManager.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        managerLog.addAppender(log);
        try {
            SwitchboardClient publisher = client(urls, Codec.CBOR, null);
            SwitchboardClient caller = client(urls, Codec.JSON, null);
            SwitchboardClient callerOnB = client(Fixtures.tcpUrl(b), Codec.CBOR, null);
            publishAll(publisher);
            caller.subscribe(Calculator.ALIAS, events::add);
            assertThat(publisher.connectedUrl()).contains(url(Fixtures.tcpUrl(a)));
            assertThat(caller.connectedUrl()).contains(url(Fixtures.tcpUrl(a)));
            CallException notOnB = catchThrowableOfType(
                    CallException.class, () -> callerOnB.call("calc", "add", new Pair(1, 2), Sum.class));
            assertThat(notOnB.code()).isEqualTo(ResultCode.NO_SUCH_SESSION);

            CompletableFuture<String> held =
                    caller.callAsync("held", "wait", null, String.class, Duration.ofSeconds(60));
            assertThat(entered.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();
            int eventsBefore = events.size();
            a.close();

            // A graceful server answers what it could not finish; a connection closing first fails it as lost.
            Throwable failure = failureOf(held);
            assertThat(failure).isInstanceOfAny(CallException.class, ConnectionLostException.class);
            if (failure instanceof CallException refused) {
                assertThat(refused.code()).isEqualTo(ResultCode.SHUTTING_DOWN);
            }

            awaitConnectedTo(publisher, Fixtures.tcpUrl(b));
            awaitConnectedTo(caller, Fixtures.tcpUrl(b));
            awaitCalcOn(callerOnB);
            assertThat(callerOnB.call("calc", "add", new Pair(40, 2), Sum.class))
                    .isEqualTo(new Sum(42));
            assertThat(caller.call("calc", "add", new Pair(1, 2), Sum.class)).isEqualTo(new Sum(3));
            Fixtures.await(
                    "the caller's subscription, renewed on B, sees calc published",
                    () -> events.subList(eventsBefore, events.size()).stream()
                            .anyMatch(e -> e.state() == SessionChange.State.PUBLISHED
                                    || e.state() == SessionChange.State.REPUBLISHED));
            assertThat(log.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .contains("SWB0930 switched from " + Fixtures.tcpUrl(a) + " to " + Fixtures.tcpUrl(b));
        } finally {
            managerLog.detachAppender(log);
        }
    }

    @Test
    void abruptDeathOfAUnixServerFailsOverToATcpServer() throws Exception {
        Path socket = dir.resolve("dying.sock");
        String unix = "unix://" + socket.toAbsolutePath();
        SwitchboardServer b = server();
        String urls = unix + "," + Fixtures.tcpUrl(b);
        ChildJvm serverProcess = closeAtEnd(ChildJvm.start(ServerMain.class, socket.toString()));
        serverProcess.awaitLine("READY");
        List<ServerUrl> lost = new CopyOnWriteArrayList<>();
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void lost(ServerUrl url, Throwable cause) {
                lost.add(url);
            }
        };
        SwitchboardClient publisher = client(urls, Codec.CBOR, null);
        SwitchboardClient caller = client(urls, Codec.CBOR, listener);
        publishAll(publisher);
        assertThat(caller.connectedUrl()).contains(url(unix));

        CompletableFuture<String> held = caller.callAsync("held", "wait", null, String.class, Duration.ofSeconds(60));
        assertThat(entered.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isTrue();
        serverProcess.kill();

        assertThat(failureOf(held)).isInstanceOf(ConnectionLostException.class);
        awaitConnectedTo(publisher, Fixtures.tcpUrl(b));
        awaitConnectedTo(caller, Fixtures.tcpUrl(b));
        assertThat(lost).containsExactly(url(unix));
        awaitCalcOn(caller);
        assertThat(caller.call("calc", "add", new Pair(20, 22), Sum.class)).isEqualTo(new Sum(42));
    }

    @Test
    void roundRobinMovesOnToTheNextUrlAndComesBackToTheFirst() {
        SwitchboardServer a = server();
        SwitchboardServer b = server();
        SwitchboardServer c = server();
        String urlA = Fixtures.tcpUrl(a);
        String urlB = Fixtures.tcpUrl(b);
        String urlC = Fixtures.tcpUrl(c);
        List<ServerUrl> connections = new CopyOnWriteArrayList<>();
        ConnectionListener listener = new ConnectionListener() {
            @Override
            public void connected(ServerUrl url) {
                connections.add(url);
            }
        };
        SwitchboardClient publisher = client(String.join(",", urlA, urlB, urlC), Codec.CBOR, listener);
        SwitchboardClient caller = client(urlA + "," + urlB + "," + urlC, Codec.JSON, null);
        publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
        assertThat(publisher.connectedUrl()).contains(url(urlA));

        a.close();
        awaitConnectedTo(publisher, urlB);
        SwitchboardServer aAgain = restart(a);
        // B lost: the next round starts at C (round-robin), not back at the first URL, although A is up again.
        b.close();
        awaitConnectedTo(publisher, urlC);
        awaitConnectedTo(caller, urlC);
        awaitCalcOn(caller);
        assertThat(caller.call("calc", "add", new Pair(2, 3), Sum.class)).isEqualTo(new Sum(5));
        // C lost: the round wraps round to A, which is up again.
        c.close();
        awaitConnectedTo(publisher, urlA);
        awaitConnectedTo(caller, urlA);
        awaitCalcOn(caller);
        assertThat(caller.call("calc", "add", new Pair(3, 4), Sum.class)).isEqualTo(new Sum(7));
        assertThat(aAgain.tcpPort()).isEqualTo(a.tcpPort());
        assertThat(connections).containsExactly(url(urlA), url(urlB), url(urlC), url(urlA));
    }

    @Test
    void aRegistryUrlTriesTheEndpointJustLostLast() throws Exception {
        SwitchboardServer registry = server();
        SwitchboardServer a = server();
        SwitchboardServer b = server();
        TcpRelay toA = closeAtEnd(TcpRelay.open(a.tcpPort()));
        SwitchboardClient registrant = client(Fixtures.tcpUrl(registry), Codec.CBOR, null);
        registrant
                .registry()
                .register(RegisterOptions.builder("nodes")
                        .endpoint(toA.url())
                        .endpoint(Fixtures.tcpUrl(b))
                        .build());
        SwitchboardClient byName = client("registry://127.0.0.1:" + registry.tcpPort() + "/nodes", Codec.JSON, null);
        assertThat(byName.connectedUrl()).contains(url(toA.url()));

        // The connection through the relay is lost, but A stays reachable on the same address: the registry still
        // names it first, yet the client tries B first.
        toA.cut();

        awaitConnectedTo(byName, Fixtures.tcpUrl(b));
    }
}
