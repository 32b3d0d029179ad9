package io.switchboard.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeartbeatHandlerTest {

    private static final long INTERVAL_MS = 1_000;

    private final AtomicInteger silences = new AtomicInteger();
    private EmbeddedChannel channel;
    private OutboundQueue outbound;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        outbound = new OutboundQueue(channel);
        channel.pipeline().addLast(new HeartbeatHandler(outbound, INTERVAL_MS, ctx -> silences.incrementAndGet()));
    }

    @Test
    void aSilentPeerGetsOnePingPerInterval() {
        after(INTERVAL_MS - 1);
        assertThat((Object) channel.readOutbound()).isNull();
        for (int beat = 0; beat < 4; beat++) {
            after(1);
            assertThat((Object) channel.readOutbound()).isEqualTo(new Ping(HeartbeatHandler.HEARTBEAT_ID));
            after(INTERVAL_MS - 1);
            assertThat((Object) channel.readOutbound()).isNull();
        }
    }

    @Test
    void anyWriteStartsTheIntervalAgain() {
        after(600);
        outbound.send(new Ack(1));
        after(0);
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ack(1));
        after(999);
        assertThat((Object) channel.readOutbound()).isNull();
        after(1);
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ping(HeartbeatHandler.HEARTBEAT_ID));
    }

    @Test
    void answersEveryPingAndKeepsOnlyOtherPeoplesPongs() {
        channel.writeInbound(new Ping(17));
        after(0);
        assertThat((Object) channel.readOutbound()).isEqualTo(new Pong(17));

        channel.writeInbound(new Pong(HeartbeatHandler.HEARTBEAT_ID));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(new Pong(42), new Ack(3));
        assertThat((Object) channel.readInbound()).isEqualTo(new Pong(42));
        assertThat((Object) channel.readInbound()).isEqualTo(new Ack(3));
    }

    @Test
    void readerIdlenessIsSilenceAndStopsThePings() {
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(silences).hasValue(1);
        after(5 * INTERVAL_MS);
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void otherEventsPassOn() {
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);
        assertThat(silences).hasValue(0);
    }

    @Test
    void noPingsOnceTheChannelIsClosed() {
        channel.close();
        after(5 * INTERVAL_MS);
        assertThat((Object) channel.readOutbound()).isNull();
    }

    /** Lets {@code ms} pass on the channel's clock and runs what fell due, including the drains it started. */
    private void after(long ms) {
        channel.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
        channel.runPendingTasks();
        channel.runPendingTasks();
    }
}
