package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.jca.api.BadRequestException;
import io.switchboard.jca.api.CallTimeoutException;
import io.switchboard.jca.api.HandlerFailedException;
import io.switchboard.jca.api.LineNotFoundException;
import io.switchboard.jca.api.PublisherLostException;
import io.switchboard.jca.api.ServerBusyException;
import io.switchboard.jca.api.ServerShuttingDownException;
import io.switchboard.jca.api.SessionNotFoundException;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.jca.api.SwitchboardException;
import io.switchboard.jca.api.UnknownMethodException;
import io.switchboard.protocol.ResultCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every failure result code, produced for real by the server (or the client, for a deadline it enforces), reaches
 * the application as its typed exception with the protocol's code, and without the bundled client's exception as
 * cause (it could not be deserialized by a remote EJB caller).
 */
class ExceptionMappingTest {

    private static final int MAX_FRAME = 64 * 1024;

    private TestBed bed;
    private final TestConnectionManager cm = new TestConnectionManager();
    private SwitchboardConnection connection;

    @BeforeEach
    void start() throws Exception {
        bed = TestBed.start(TestBed.serverConfig().maxFrameSize(MAX_FRAME));
        SwitchboardConnectionFactory factory =
                (SwitchboardConnectionFactory) bed.factory().createConnectionFactory(cm);
        connection = factory.getConnection();
    }

    @AfterEach
    void stop() {
        cm.destroyAll();
        bed.close();
    }

    private <E extends SwitchboardException> E thrown(Class<E> type, ResultCode code, Runnable call) {
        E e = catchThrowableOfType(type, call::run);
        assertThat(e).as("threw " + type.getSimpleName()).isNotNull();
        assertThat(e.code()).isEqualTo(code.wireName());
        assertThat(e.getCause()).isNull();
        return e;
    }

    @Test
    void handlerError() {
        HandlerFailedException e = thrown(
                HandlerFailedException.class,
                ResultCode.HANDLER_ERROR,
                () -> connection.call(TestBed.ALIAS, "fail", null, String.class));
        assertThat(e).hasMessageContaining("no luck");
    }

    @Test
    void timeout() {
        thrown(
                CallTimeoutException.class,
                ResultCode.TIMEOUT,
                () -> connection.call(TestBed.ALIAS, "hold", null, String.class, Duration.ofMillis(300)));
    }

    @Test
    void noSuchSession() {
        SessionNotFoundException e = thrown(
                SessionNotFoundException.class,
                ResultCode.NO_SUCH_SESSION,
                () -> connection.call("nobody", "echo", 1, Integer.class));
        assertThat(e).hasMessageContaining("nobody");
    }

    @Test
    void unknownMethod() {
        UnknownMethodException e = thrown(
                UnknownMethodException.class,
                ResultCode.UNKNOWN_METHOD,
                () -> connection.call(TestBed.ALIAS, "divide", 1, Integer.class));
        assertThat(e).hasMessageContaining("divide");
    }

    @Test
    void busy() throws Exception {
        bed.publishDemo(bed.tcpUrl(), "capped", 1);
        CompletableFuture<String> first = connection.callAsync("capped", "hold", null, String.class);
        bed.awaitHolding(1);

        thrown(ServerBusyException.class, ResultCode.BUSY, () -> connection.call("capped", "hold", null, String.class));

        bed.releaseHeld();
        assertThat(first.get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo("released");
    }

    @Test
    void publisherLost() throws Exception {
        try (TcpProxy proxy = new TcpProxy(bed.server.tcpPort())) {
            bed.publishDemo(proxy.url(), "fragile", null);
            CompletableFuture<String> held = connection.callAsync("fragile", "hold", null, String.class);
            bed.awaitHolding(1);

            proxy.cut(); // the publisher's connection dies mid-call

            thrown(PublisherLostException.class, ResultCode.PUBLISHER_LOST, () -> join(held));
        }
    }

    @Test
    void shuttingDown() throws Exception {
        CompletableFuture<String> held = connection.callAsync(TestBed.ALIAS, "hold", null, String.class);
        bed.awaitHolding(1);

        bed.server.shutdown(); // 300 ms grace, then outstanding calls are answered shutting-down

        thrown(ServerShuttingDownException.class, ResultCode.SHUTTING_DOWN, () -> join(held));
    }

    @Test
    void badRequestFromTheServer() {
        BadRequestException e = thrown(
                BadRequestException.class,
                ResultCode.BAD_REQUEST,
                () -> connection.call(TestBed.ALIAS, "echo", new byte[MAX_FRAME + 1], byte[].class));
        assertThat(e).hasMessageContaining("exceeds");
        assertThat(connection.call(TestBed.ALIAS, "echo", "still fine", String.class))
                .isEqualTo("still fine");
    }

    @Test
    void badRequestRefusedByTheClientBeforeSending() {
        thrown(
                BadRequestException.class,
                ResultCode.BAD_REQUEST,
                () -> connection.call("a".repeat(256), "echo", 1, Integer.class));
    }

    @Test
    void aResultThatCannotBeMappedIsAClientError() {
        SwitchboardException e = catchThrowableOfType(
                SwitchboardException.class,
                () -> connection.call(TestBed.ALIAS, "echo", "not a number", Integer.class));
        assertThat(e.code()).isEqualTo(ExceptionMapper.CLIENT_ERROR);
        assertThat(e).hasMessageContaining("Integer");
    }

    @Test
    void asyncFailuresAreTypedToo() {
        CompletableFuture<Integer> call = connection.callAsync("nobody", "echo", 1, Integer.class);
        thrown(SessionNotFoundException.class, ResultCode.NO_SUCH_SESSION, () -> join(call));
    }

    @Test
    void lineNotFound() {
        LineNotFoundException e = thrown(
                LineNotFoundException.class,
                ResultCode.NO_SUCH_LINE,
                () -> connection.send("no-such-line-id", "hello?"));
        assertThat(e).hasMessageContaining("no-such-line-id");
        thrown(LineNotFoundException.class, ResultCode.NO_SUCH_LINE, () -> connection.closeLine("gone", "bye"));
        assertThat(connection
                        .broadcast(java.util.List.of("gone", "also-gone"), "anyone?")
                        .missing())
                .as("a broadcast names the missing lines instead of failing")
                .containsExactly("gone", "also-gone");
    }

    @Test
    void ok() {
        assertThat(connection.call(TestBed.ALIAS, "echo", 42, Integer.class)).isEqualTo(42);
    }

    /** Waits for {@code future} and rethrows what it failed with, as a synchronous call would. */
    private static void join(CompletableFuture<?> future) {
        try {
            future.get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
