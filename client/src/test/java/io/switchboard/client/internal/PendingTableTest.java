package io.switchboard.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.HashedWheelTimer;
import io.switchboard.client.CallException;
import io.switchboard.client.ConnectionLostException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Message;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PendingTableTest {

    private final HashedWheelTimer timer = new HashedWheelTimer(10, TimeUnit.MILLISECONDS);
    private final PendingTable table = new PendingTable(timer, TimeUnit.MILLISECONDS.toNanos(5));

    @AfterEach
    void stop() {
        timer.stop();
    }

    @Test
    void answerCompletesAndRemovesTheEntry() throws Exception {
        CompletableFuture<Message> f =
                table.register(1, System.nanoTime() + TimeUnit.SECONDS.toNanos(10), this::timeout);
        assertThat(table.size()).isEqualTo(1);
        assertThat(table.complete(1, new Ack(1))).isTrue();
        assertThat(f.get(1, TimeUnit.SECONDS)).isEqualTo(new Ack(1));
        assertThat(table.size()).isZero();
        assertThat(table.complete(1, new Ack(1)))
                .as("a second answer finds nobody")
                .isFalse();
    }

    @Test
    void unansweredEntryExpiresAfterItsDeadline() {
        CompletableFuture<Message> f =
                table.register(7, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), this::timeout);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(CallException.class);
        assertThat(((CallException) e.getCause()).code()).isEqualTo(ResultCode.TIMEOUT);
        assertThat(table.size()).isZero();
        assertThat(table.complete(7, new Ack(7))).as("a late answer is dropped").isFalse();
    }

    @Test
    void alreadyPassedDeadlineExpiresToo() {
        CompletableFuture<Message> f = table.register(8, System.nanoTime() - 1, this::timeout);
        org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
    }

    @Test
    void failAllFailsEveryEntry() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        CompletableFuture<Message> a = table.register(1, deadline, this::timeout);
        CompletableFuture<Message> b = table.register(2, deadline, this::timeout);
        table.failAll(() -> new ConnectionLostException("gone"));
        assertThat(a).isCompletedExceptionally();
        assertThat(b).isCompletedExceptionally();
        assertThat(table.size()).isZero();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, a::get);
        assertThat(e.getCause()).isInstanceOf(ConnectionLostException.class);
    }

    private RuntimeException timeout() {
        return new CallException(ResultCode.TIMEOUT, "expired");
    }
}
