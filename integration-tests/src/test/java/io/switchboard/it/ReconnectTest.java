package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.client.CallException;
import io.switchboard.client.ConnectionLostException;
import io.switchboard.client.NotConnectedException;
import io.switchboard.client.SessionChange;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import java.nio.file.Path;
import java.time.Duration;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client survives its server going away: in-flight calls fail fast, then everything comes back. */
class ReconnectTest {

    @TempDir
    Path dir;

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final List<SessionChange> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        release.countDown();
        handlers.shutdownNow();
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

    private SessionChange.State lastEvent() {
        return events.isEmpty() ? null : events.get(events.size() - 1).state();
    }

    private void awaitSessionBack(SwitchboardClient caller, int eventsBefore) {
        Fixtures.await(
                "the re-subscribed listener sees calc published again",
                () -> events.size() > eventsBefore
                        && (lastEvent() == SessionChange.State.PUBLISHED
                                || lastEvent() == SessionChange.State.REPUBLISHED));
        Fixtures.await("the caller is connected", caller::isConnected);
        assertThat(caller.call("calc", "add", new Pair(40, 2), Sum.class)).isEqualTo(new Sum(42));
        assertThat(caller.list()).anySatisfy(s -> assertThat(s.alias()).isEqualTo("calc"));
    }

    private static Throwable failureOf(CompletableFuture<?> call) {
        ExecutionException e = catchThrowableOfType(
                ExecutionException.class, () -> call.get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(e)
                .as("the call failed within " + Fixtures.PATIENCE + ", long before its own timeout")
                .isNotNull();
        return e.getCause();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "unix"})
    void gracefulRestartOnTheSameAddress(String transport) throws Exception {
        ServerConfig config = Fixtures.serverConfig()
                .shutdownGraceMs(300)
                .unixSocket(dir.resolve("sb.sock"))
                .build();
        SwitchboardServer first = SwitchboardServer.start(config);
        String url = transport.equals("tcp") ? Fixtures.tcpUrl(first) : Fixtures.unixUrl(first);
        SwitchboardServer second = null;
        try (SwitchboardClient publisher = Fixtures.client(url, Codec.CBOR);
                SwitchboardClient caller = Fixtures.client(url, Codec.JSON)) {
            publishAll(publisher);
            caller.subscribe("calc", events::add);
            assertThat(lastEvent()).isEqualTo(SessionChange.State.PUBLISHED);

            CompletableFuture<String> held =
                    caller.callAsync("held", "wait", null, String.class, Duration.ofSeconds(60));
            assertThat(entered.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();

            first.close();
            // A graceful server answers what it could not finish.
            Throwable failure = failureOf(held);
            assertThat(failure).isInstanceOf(CallException.class);
            assertThat(((CallException) failure).code()).isEqualTo(ResultCode.SHUTTING_DOWN);
            Fixtures.await("the caller notices the server is gone", () -> !caller.isConnected());

            int eventsBefore = events.size();
            second = SwitchboardServer.start(
                    config.toBuilder().port(first.tcpPort()).build());
            awaitSessionBack(caller, eventsBefore);
        } finally {
            Fixtures.closeAll(first, second);
        }
    }

    @Test
    void abruptServerDeathFailsInFlightCallsAndTheClientComesBack() throws Exception {
        Path socket = dir.resolve("dying.sock");
        String url = "unix://" + socket.toAbsolutePath();
        SwitchboardServer replacement = null;
        try (ChildJvm serverProcess = ChildJvm.start(ServerMain.class, socket.toString())) {
            serverProcess.awaitLine("READY");
            try (SwitchboardClient publisher = Fixtures.client(url, Codec.CBOR);
                    SwitchboardClient caller = Fixtures.client(url, Codec.CBOR)) {
                publishAll(publisher);
                caller.subscribe("calc", events::add);

                CompletableFuture<String> held =
                        caller.callAsync("held", "wait", null, String.class, Duration.ofSeconds(60));
                assertThat(entered.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                        .isTrue();

                serverProcess.kill();
                assertThat(failureOf(held)).isInstanceOf(ConnectionLostException.class);
                Fixtures.await("the caller notices the server is gone", () -> !caller.isConnected());

                // While nobody listens, a call waits for a reconnect only until its own deadline.
                NotConnectedException notConnected = catchThrowableOfType(
                        NotConnectedException.class,
                        () -> caller.call("calc", "add", new Pair(1, 1), Sum.class, Duration.ofMillis(300)));
                assertThat(notConnected).isNotNull();
                assertThat(notConnected.getMessage()).contains(url);

                int eventsBefore = events.size();
                replacement = SwitchboardServer.start(
                        Fixtures.serverConfig().unixSocket(socket).build());
                awaitSessionBack(caller, eventsBefore);
            }
        } finally {
            Fixtures.closeAll(replacement);
        }
    }
}
