package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.client.CallException;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.SwitchboardServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failover between URLs, the SHUTDOWN drain, and the guard against blocking on the client's I/O thread. */
class LifecycleTest {

    @TempDir
    Path dir;

    private final ExecutorService handlers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        handlers.shutdownNow();
    }

    private static String deadUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void connectFailsOverToTheNextUrl() throws Exception {
        try (SwitchboardServer server =
                        SwitchboardServer.start(Fixtures.serverConfig().build());
                SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
                SwitchboardClient caller = SwitchboardClient.connect(Fixtures.clientOptions(deadUrl(), Codec.CBOR)
                        .url(Fixtures.tcpUrl(server))
                        .build())) {
            publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
            assertThat(caller.call("calc", "add", new Pair(1, 1), Sum.class)).isEqualTo(new Sum(2));
        }
    }

    @Test
    void afterShutdownNewCallsWaitAndGoToTheNextServerWhileOutstandingOnesFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SwitchboardServer a = SwitchboardServer.start(
                Fixtures.serverConfig().shutdownGraceMs(20_000).build());
        SwitchboardServer b = SwitchboardServer.start(
                Fixtures.serverConfig().unixSocket(dir.resolve("b.sock")).build());
        try (SwitchboardClient publisherA = Fixtures.client(Fixtures.tcpUrl(a), Codec.CBOR);
                SwitchboardClient publisherB = Fixtures.client(Fixtures.unixUrl(b), Codec.CBOR);
                SwitchboardClient caller = SwitchboardClient.connect(ClientOptions.builder()
                        .urls(List.of(Fixtures.tcpUrl(a), Fixtures.unixUrl(b)))
                        .callTimeout(Fixtures.PATIENCE)
                        .reconnectInitialBackoff(Duration.ofMillis(20))
                        .reconnectMaxBackoff(Duration.ofMillis(200))
                        .build())) {
            publisherA.publish(
                    "held",
                    List.of("wait"),
                    call -> {
                        entered.countDown();
                        release.await(30, TimeUnit.SECONDS);
                        return "finished during the drain";
                    },
                    handlers);
            publisherB.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
            CompletableFuture<String> outstanding =
                    caller.callAsync("held", "wait", null, String.class, Duration.ofSeconds(60));
            assertThat(entered.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();

            a.shutdown();
            Fixtures.await("the caller heard SHUTDOWN and stopped using server A", () -> !caller.isConnected());

            // Server A does not publish calc; had this call been sent there it would fail. It waits instead.
            CompletableFuture<Sum> waiting = caller.callAsync("calc", "add", new Pair(2, 2), Sum.class);
            release.countDown();

            assertThat(outstanding.get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo("finished during the drain");
            assertThat(waiting.get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo(new Sum(4));
        } finally {
            release.countDown();
            Fixtures.closeAll(a, b);
        }
    }

    @Test
    void aBlockingCallFromADirectExecutorHandlerIsRefusedClearly() {
        try (SwitchboardServer server =
                        SwitchboardServer.start(Fixtures.serverConfig().build());
                SwitchboardClient publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
                SwitchboardClient caller = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR)) {
            publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
            publisher.publish(
                    "relay",
                    List.of("add"),
                    call -> publisher.call("calc", "add", call.payloadAs(Pair.class), Sum.class),
                    Runnable::run);
            CallException e = catchThrowableOfType(
                    CallException.class, () -> caller.call("relay", "add", new Pair(1, 2), Sum.class));
            assertThat(e.code()).isEqualTo(ResultCode.HANDLER_ERROR);
            assertThat(e.getMessage()).contains("I/O thread");

            // The async API from the same handler is fine.
            publisher.publish(
                    "asyncRelay",
                    List.of("add"),
                    call -> publisher.callAsync("calc", "add", call.payloadAs(Pair.class), Sum.class),
                    Runnable::run);
            assertThat(caller.call("asyncRelay", "add", new Pair(1, 2), Sum.class))
                    .isEqualTo(new Sum(3));
        }
    }
}
