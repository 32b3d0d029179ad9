package io.switchboard.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.HashedWheelTimer;
import io.switchboard.client.NotConnectedException;
import io.switchboard.client.ServerUrl;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.Welcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Work queued while disconnected runs oldest first, and nothing overtakes an item while it runs. */
class WaitingWorkTest {

    private final HashedWheelTimer timer = new HashedWheelTimer();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final Connection connection = new Connection(
            channel,
            ServerUrl.parse("tcp://test:1"),
            new Welcome(1, "test", List.of(), "json", 256, 1000, new Welcome.Limits(1000, 1000, 10)),
            PayloadMapper.create(Codec.JSON, null),
            new PendingTable(timer, 0));
    private final WaitingWork waiting = new WaitingWork(1000);

    @AfterEach
    void stop() {
        channel.finishAndReleaseAll();
        timer.stop();
    }

    @Test
    void runsEveryItemInTheOrderItWasQueued() throws Exception {
        List<Integer> ran = new ArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            WaitingWork.Item<Integer> item = new WaitingWork.Item<>(c -> {
                ran.add(n);
                return CompletableFuture.completedFuture(n);
            });
            waiting.add(item);
            results.add(item.result());
        }
        assertThat(waiting.isEmpty()).isFalse();

        waiting.runAll(connection);

        assertThat(ran).hasSize(1000).isSorted();
        assertThat(results.get(999).get(1, TimeUnit.SECONDS)).isEqualTo(999);
        assertThat(waiting.isEmpty()).isTrue();
    }

    @Test
    void theQueueIsNotEmptyWhileAnItemRunsSoNewWorkQueuesBehindIt() {
        List<Boolean> emptyWhileRunning = new ArrayList<>();
        WaitingWork.Item<Void> item = new WaitingWork.Item<>(c -> {
            emptyWhileRunning.add(waiting.isEmpty());
            return CompletableFuture.completedFuture(null);
        });
        waiting.add(item);

        waiting.runAll(connection);

        assertThat(emptyWhileRunning).containsExactly(false);
        assertThat(waiting.isEmpty()).isTrue();
    }

    @Test
    void anExpiredItemLeavesAndDoesNotRun() {
        List<String> ran = new ArrayList<>();
        WaitingWork.Item<Void> expired = new WaitingWork.Item<>(c -> {
            ran.add("expired");
            return CompletableFuture.completedFuture(null);
        });
        WaitingWork.Item<Void> alive = new WaitingWork.Item<>(c -> {
            ran.add("alive");
            return CompletableFuture.completedFuture(null);
        });
        waiting.add(expired);
        waiting.add(alive);

        waiting.expire(expired, () -> new NotConnectedException("no connection within the deadline", null));
        waiting.runAll(connection);

        assertThat(ran).containsExactly("alive");
        ExecutionException e = Assertions.assertThrows(
                ExecutionException.class, () -> expired.result().get(1, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(NotConnectedException.class);
    }

    @Test
    void nothingRunsOnAConnectionThatIsNoLongerUsable() {
        List<String> ran = new ArrayList<>();
        waiting.add(new WaitingWork.Item<Void>(c -> {
            ran.add("ran");
            return CompletableFuture.completedFuture(null);
        }));
        channel.close();

        waiting.runAll(connection);

        assertThat(ran).isEmpty();
        assertThat(waiting.isEmpty()).isFalse();
    }

    @Test
    void itemsBeyondTheLimitAreRefusedAndRoomComesBackAsItemsLeave() {
        WaitingWork small = new WaitingWork(2);
        WaitingWork.Item<Void> first = new WaitingWork.Item<>(c -> CompletableFuture.completedFuture(null));
        assertThat(small.add(first)).isTrue();
        assertThat(small.add(new WaitingWork.Item<Void>(c -> CompletableFuture.completedFuture(null))))
                .isTrue();
        assertThat(small.add(new WaitingWork.Item<Void>(c -> CompletableFuture.completedFuture(null))))
                .as("a third item over a limit of 2")
                .isFalse();

        small.expire(first, () -> new NotConnectedException("no connection within the deadline"));

        assertThat(small.add(new WaitingWork.Item<Void>(c -> CompletableFuture.completedFuture(null))))
                .isTrue();
    }
}
