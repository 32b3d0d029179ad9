package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.client.CallException;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.it.Calculator.Pair;
import io.switchboard.it.Calculator.Sum;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.SwitchboardServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every result code a caller can meet, each provoked through the client API (publisher-lost: see PublisherLostTest). */
class ResultCodesTest {

    private SwitchboardServer server;
    private SwitchboardClient publisher;
    private SwitchboardClient caller;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    /** Released at teardown so no handler thread outlives its test. */
    private final CountDownLatch release = new CountDownLatch(1);

    private final CountDownLatch entered = new CountDownLatch(1);

    @BeforeEach
    void start() {
        server = SwitchboardServer.start(
                Fixtures.serverConfig().shutdownGraceMs(300).build());
        publisher = Fixtures.client(Fixtures.tcpUrl(server), Codec.CBOR);
        caller = Fixtures.client(Fixtures.tcpUrl(server), Codec.JSON);
        publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
    }

    @AfterEach
    void stop() {
        release.countDown();
        Fixtures.closeAll(caller, publisher, server);
        handlers.shutdownNow();
    }

    /** Publishes "held": its one method waits until the test releases it. */
    private void publishHeld(Integer maxInflight) {
        PublishOptions.Builder options = PublishOptions.builder("held").method("wait");
        if (maxInflight != null) {
            options.maxInflight(maxInflight);
        }
        publisher.publish(
                options.build(),
                call -> {
                    entered.countDown();
                    release.await(Fixtures.PATIENCE.toSeconds() * 3, TimeUnit.SECONDS);
                    return "released";
                },
                handlers);
    }

    private static CallException failure(CompletableFuture<?> call) {
        ExecutionException e = catchThrowableOfType(
                ExecutionException.class, () -> call.get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(e).as("the call failed").isNotNull();
        assertThat(e.getCause()).isInstanceOf(CallException.class);
        return (CallException) e.getCause();
    }

    @Test
    void ok() {
        assertThat(caller.call("calc", "add", new Pair(1, 2), Sum.class)).isEqualTo(new Sum(3));
    }

    @Test
    void handlerErrorCarriesTheMessageButNoStackTrace() {
        CallException e =
                catchThrowableOfType(CallException.class, () -> caller.call("calc", "fail", List.of(1, 0), Sum.class));
        assertThat(e.code()).isEqualTo(ResultCode.HANDLER_ERROR);
        assertThat(e.getMessage()).contains("division by zero in [1,0]").doesNotContain("\tat ", "Calculator.java");

        CallException later =
                catchThrowableOfType(CallException.class, () -> caller.call("calc", "failLater", null, Sum.class));
        assertThat(later.code()).isEqualTo(ResultCode.HANDLER_ERROR);
        assertThat(later.getMessage()).contains("no luck");
    }

    @Test
    void timeout() {
        publishHeld(null);
        CallException e = catchThrowableOfType(
                CallException.class, () -> caller.call("held", "wait", null, String.class, Duration.ofMillis(300)));
        assertThat(e.code()).isEqualTo(ResultCode.TIMEOUT);
    }

    @Test
    void noSuchSession() {
        CallException e = catchThrowableOfType(
                CallException.class, () -> caller.call("nobody", "add", new Pair(1, 2), Sum.class));
        assertThat(e.code()).isEqualTo(ResultCode.NO_SUCH_SESSION);
        assertThat(e.getMessage()).contains("nobody");
    }

    @Test
    void unknownMethod() {
        CallException e = catchThrowableOfType(
                CallException.class, () -> caller.call("calc", "divide", new Pair(1, 2), Sum.class));
        assertThat(e.code()).isEqualTo(ResultCode.UNKNOWN_METHOD);
        assertThat(e.getMessage()).contains("divide");
    }

    @Test
    void busyWhenThePublishersOnlySlotIsTaken() throws Exception {
        publishHeld(1);
        CompletableFuture<String> first = caller.callAsync("held", "wait", null, String.class);
        assertThat(entered.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isTrue();

        CallException e =
                catchThrowableOfType(CallException.class, () -> caller.call("held", "wait", null, String.class));
        assertThat(e.code()).isEqualTo(ResultCode.BUSY);

        release.countDown();
        assertThat(first.get(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo("released");
    }

    @Test
    void shuttingDownAnswersCallsStillOutstandingAfterTheGracePeriod() throws Exception {
        publishHeld(null);
        CompletableFuture<String> held = caller.callAsync("held", "wait", null, String.class, Duration.ofSeconds(60));
        assertThat(entered.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isTrue();

        server.shutdown();

        assertThat(failure(held).code()).isEqualTo(ResultCode.SHUTTING_DOWN);
    }

    @Test
    void badRequestWhenThePayloadIsNotValidInTheCallersCodec() {
        // Caller speaks JSON, publisher CBOR: the server must transcode, and cannot.
        byte[] notJson = "{\"a\": 1, oops".getBytes(StandardCharsets.UTF_8);
        CallException e = catchThrowableOfType(
                CallException.class, () -> caller.call("calc", "add", RawPayload.of(notJson), Sum.class));
        assertThat(e.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(e.getMessage()).containsIgnoringCase("json");
    }

    @Test
    void aliasTooLongIsRefusedByTheClientBeforeSending() {
        String alias = "a".repeat(256);
        assertThatThrownBy(() -> caller.call(alias, "add", new Pair(1, 2), Sum.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alias")
                .hasMessageContaining("255");
        // The connection is unharmed.
        assertThat(caller.call("calc", "add", new Pair(1, 2), Sum.class)).isEqualTo(new Sum(3));
    }

    @Test
    void payloadOverTheServersFrameLimitIsABadRequestOfThatCallOnly() {
        byte[] huge = new byte[server.config().maxFrameSize() + 1];
        CallException e =
                catchThrowableOfType(CallException.class, () -> caller.call("calc", "reverse", huge, byte[].class));
        assertThat(e.code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(e.getMessage()).contains("exceeds");
        assertThat(caller.call("calc", "add", new Pair(1, 2), Sum.class)).isEqualTo(new Sum(3));
    }
}
