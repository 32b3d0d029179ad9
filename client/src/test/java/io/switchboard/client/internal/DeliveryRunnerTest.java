package io.switchboard.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.HashedWheelTimer;
import io.switchboard.client.CallRefusedException;
import io.switchboard.client.IncomingCall;
import io.switchboard.client.ServerUrl;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.codec.BinaryFrameDecoder;
import io.switchboard.protocol.codec.BinaryMessageDecoder;
import io.switchboard.protocol.codec.BinaryMessageEncoder;
import io.switchboard.protocol.codec.ConnectionCodec;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.Welcome;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One RESULT per delivered call, whatever the handler does, over an EmbeddedChannel. */
class DeliveryRunnerTest {

    private final HashedWheelTimer timer = new HashedWheelTimer(10, TimeUnit.MILLISECONDS);
    private final ConnectionCodec codec = new ConnectionCodec();
    private final EmbeddedChannel channel = new EmbeddedChannel(new BinaryMessageEncoder(codec, 512));
    private final Connection connection = new Connection(
            channel,
            ServerUrl.parse("tcp://test:1"),
            new Welcome(1, "test", List.of(), "json", 512, 1000, new Welcome.Limits(1000, 1000, 10)),
            PayloadMapper.create(Codec.JSON, null),
            new PendingTable(timer, 0));

    @AfterEach
    void stop() {
        timer.stop();
        channel.finishAndReleaseAll();
    }

    private Result onlyResult() {
        channel.runPendingTasks();
        EmbeddedChannel decoder = new EmbeddedChannel(new BinaryFrameDecoder(1024), new BinaryMessageDecoder(codec));
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            decoder.writeInbound(buf);
        }
        Result result = decoder.readInbound();
        assertThat((Object) decoder.readInbound()).as("exactly one RESULT").isNull();
        return result;
    }

    private static Deliver deliver(long timeoutMs, String payloadJson) {
        return new Deliver(9, "svc", "m", timeoutMs, payloadJson.getBytes());
    }

    @Test
    void returnValueBecomesOk() {
        new DeliveryRunner(call -> call.payloadAs(Integer.class) + 1, Runnable::run)
                .dispatch(connection, deliver(1000, "41"));
        Result r = onlyResult();
        assertThat(r.id()).isEqualTo(9);
        assertThat(r.code()).isEqualTo(ResultCode.OK);
        assertThat(new String(r.payload())).isEqualTo("42");
    }

    @Test
    void theHandlerSeesCallerHeadersAndGenericPayloads() {
        CallMeta meta = CallMeta.of("shop", Map.of("trace", "42"));
        AtomicReference<IncomingCall> seen = new AtomicReference<>();
        new DeliveryRunner(
                        call -> {
                            seen.set(call);
                            List<Integer> numbers = call.payloadAs(new TypeReference<List<Integer>>() {}.getType());
                            return numbers.stream().mapToInt(Integer::intValue).sum();
                        },
                        Runnable::run)
                .dispatch(connection, new Deliver(9, "svc", "m", 1000, meta, "[1,2,3]".getBytes()));
        assertThat(new String(onlyResult().payload())).isEqualTo("6");
        assertThat(seen.get().caller()).isEqualTo("shop");
        assertThat(seen.get().headers()).isEqualTo(Map.of("trace", "42"));
    }

    @Test
    void aCallWithoutMetaHasAnEmptyCallerAndNoHeaders() {
        AtomicReference<IncomingCall> seen = new AtomicReference<>();
        new DeliveryRunner(
                        call -> {
                            seen.set(call);
                            return null;
                        },
                        Runnable::run)
                .dispatch(connection, deliver(1000, "1"));
        assertThat(onlyResult().code()).isEqualTo(ResultCode.OK);
        assertThat(seen.get().caller()).isEmpty();
        assertThat(seen.get().headers()).isEmpty();
    }

    @Test
    void exceptionBecomesHandlerErrorWithItsMessage() {
        new DeliveryRunner(
                        call -> {
                            throw new IllegalStateException("out of coffee");
                        },
                        Runnable::run)
                .dispatch(connection, deliver(1000, "1"));
        Result r = onlyResult();
        assertThat(r.code()).isEqualTo(ResultCode.HANDLER_ERROR);
        assertThat(r.message()).isEqualTo("out of coffee");
    }

    @Test
    void aRefusalAnswersItsOwnCodeAlsoFromAFailedStage() {
        new DeliveryRunner(
                        call -> {
                            throw new CallRefusedException(ResultCode.SHUTTING_DOWN, "the bean is stopping");
                        },
                        Runnable::run)
                .dispatch(connection, deliver(1000, "1"));
        Result r = onlyResult();
        assertThat(r.code()).isEqualTo(ResultCode.SHUTTING_DOWN);
        assertThat(r.message()).isEqualTo("the bean is stopping");

        new DeliveryRunner(
                        call -> CompletableFuture.failedFuture(new CallRefusedException(ResultCode.BUSY, "full")),
                        Runnable::run)
                .dispatch(connection, deliver(1000, "2"));
        assertThat(onlyResult().code()).isEqualTo(ResultCode.BUSY);
    }

    @Test
    void onlyRefusalCodesCanBeChosenNeverAnAnswerTheServerAlone() {
        assertThatThrownBy(() -> new CallRefusedException(ResultCode.OK, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallRefusedException(ResultCode.TIMEOUT, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void completionStageAnswersWhenItCompletes() {
        CompletableFuture<String> later = new CompletableFuture<>();
        new DeliveryRunner(call -> later, Runnable::run).dispatch(connection, deliver(1000, "1"));
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound())
                .as("no answer before the stage completes")
                .isNull();
        later.complete("done");
        assertThat(new String(onlyResult().payload())).isEqualTo("\"done\"");
    }

    @Test
    void callWhoseDeadlinePassedBeforeItRanIsSkipped() {
        Queue<Runnable> queued = new ArrayDeque<>();
        Executor slow = queued::add;
        AtomicInteger ran = new AtomicInteger();
        new DeliveryRunner(call -> ran.incrementAndGet(), slow).dispatch(connection, deliver(1, "1"));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2);
        while (System.nanoTime() - deadline < 0) {
            Thread.onSpinWait(); // let the 1 ms deadline pass while the call sits in the executor's queue
        }
        queued.poll().run();
        assertThat(ran).as("the handler never ran").hasValue(0);
        assertThat(onlyResult().code()).isEqualTo(ResultCode.TIMEOUT);
    }

    @Test
    void rejectedByTheExecutorIsBusy() {
        Executor full = r -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        };
        new DeliveryRunner(call -> 1, full).dispatch(connection, deliver(1000, "1"));
        assertThat(onlyResult().code()).isEqualTo(ResultCode.BUSY);
    }

    @Test
    void resultTooLargeForTheServerBecomesHandlerError() {
        new DeliveryRunner(call -> new byte[2000], Runnable::run).dispatch(connection, deliver(1000, "1"));
        channel.runPendingTasks(); // the failed write queues the replacement RESULT
        Result r = onlyResult();
        assertThat(r.code()).isEqualTo(ResultCode.HANDLER_ERROR);
        assertThat(r.message()).contains("too large");
    }
}
