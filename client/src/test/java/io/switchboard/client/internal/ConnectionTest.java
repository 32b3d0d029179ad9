package io.switchboard.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.HashedWheelTimer;
import io.switchboard.client.CallException;
import io.switchboard.client.ConnectionLostException;
import io.switchboard.client.ServerUrl;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.codec.BinaryFrameDecoder;
import io.switchboard.protocol.codec.BinaryMessageDecoder;
import io.switchboard.protocol.codec.BinaryMessageEncoder;
import io.switchboard.protocol.codec.ConnectionCodec;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.Welcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A connection over an EmbeddedChannel with the real protocol codec: batching, answers, loss, oversize. */
class ConnectionTest {

    private final HashedWheelTimer timer = new HashedWheelTimer(10, TimeUnit.MILLISECONDS);
    private final ConnectionCodec codec = new ConnectionCodec();
    private final EmbeddedChannel channel = new EmbeddedChannel(new BinaryMessageEncoder(codec, 256));
    private final Connection connection = new Connection(
            channel,
            ServerUrl.parse("tcp://test:1"),
            new Welcome(1, "test", List.of(), "json", 256, 1000, new Welcome.Limits(1000, 1000, 10)),
            PayloadMapper.create(Codec.JSON, null),
            new PendingTable(timer, 0));
    private final Requests requests = new Requests();

    @AfterEach
    void stop() {
        timer.stop();
        channel.finishAndReleaseAll();
    }

    private <T> CompletableFuture<T> call(String method, Class<T> type, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        return requests.send(
                connection,
                id -> new Deliver(
                        id, "calc", method, timeoutMs, connection.payloads().encode(41)),
                deadline,
                "call",
                answer -> {
                    Result r = (Result) answer;
                    if (!r.code().isOk()) {
                        throw new CallException(r.code(), r.message());
                    }
                    return connection.payloads().decode(r.payload(), type);
                });
    }

    private List<Message> written() {
        List<Message> out = new ArrayList<>();
        EmbeddedChannel decoder = new EmbeddedChannel(new BinaryFrameDecoder(1024), new BinaryMessageDecoder(codec));
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            decoder.writeInbound(buf);
        }
        Object m;
        while ((m = decoder.readInbound()) != null) {
            out.add((Message) m);
        }
        return out;
    }

    @Test
    void queuedCallsAreWrittenInOneDrainAndAnsweredById() throws Exception {
        CompletableFuture<Integer> a = call("inc", Integer.class, 10_000);
        CompletableFuture<Integer> b = call("inc", Integer.class, 10_000);
        assertThat(written())
                .as("nothing is written before the event loop drains")
                .isEmpty();
        channel.runPendingTasks();
        List<Message> frames = written();
        assertThat(frames).hasSize(2).allMatch(m -> m instanceof Deliver);
        Deliver first = (Deliver) frames.get(0);
        Deliver second = (Deliver) frames.get(1);
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.timeoutMs()).isEqualTo(10_000);

        // Answer out of order.
        assertThat(connection.answer(second.id(), Result.ok(second.id(), "2".getBytes())))
                .isTrue();
        assertThat(connection.answer(first.id(), Result.failure(first.id(), ResultCode.BUSY, "full")))
                .isTrue();
        assertThat(b.get(1, TimeUnit.SECONDS)).isEqualTo(2);
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> a.get(1, TimeUnit.SECONDS));
        assertThat(((CallException) e.getCause()).code()).isEqualTo(ResultCode.BUSY);
    }

    @Test
    void closingTheChannelFailsEveryPendingCall() {
        CompletableFuture<Integer> a = call("inc", Integer.class, 60_000);
        channel.runPendingTasks();
        channel.close();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> a.get(1, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void unansweredCallTimesOutByTheClientsOwnTimer() {
        CompletableFuture<Integer> a = call("inc", Integer.class, 50);
        channel.runPendingTasks();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> a.get(10, TimeUnit.SECONDS));
        assertThat(((CallException) e.getCause()).code()).isEqualTo(ResultCode.TIMEOUT);
    }

    @Test
    void frameOverThePeersLimitFailsJustThatCall() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        CompletableFuture<Object> big = requests.send(
                connection,
                id -> new Deliver(id, "calc", "m", 1000, new byte[1000]),
                deadline,
                "call",
                answer -> answer);
        channel.runPendingTasks();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> big.get(1, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(CallException.class).hasMessageContaining("exceeds");
        assertThat(((CallException) e.getCause()).code()).isEqualTo(ResultCode.BAD_REQUEST);
        assertThat(channel.isActive()).isTrue();
    }
}
