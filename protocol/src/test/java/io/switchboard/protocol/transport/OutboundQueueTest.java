package io.switchboard.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalChannel;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Ping;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    @Test
    void writesWhatWasQueuedInOrderWithOneFlush() {
        FlushCounter flushes = new FlushCounter();
        EmbeddedChannel channel = new EmbeddedChannel(flushes);
        OutboundQueue outbound = new OutboundQueue(channel);
        outbound.send(new Ack(1));
        outbound.send(new Ping(2));
        outbound.send(new Ack(3));
        assertThat((Object) channel.readOutbound())
                .as("nothing leaves before the drain runs")
                .isNull();

        channel.runPendingTasks();

        assertThat((Object) channel.readOutbound()).isEqualTo(new Ack(1));
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ping(2));
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ack(3));
        assertThat(flushes.count).isEqualTo(1);
    }

    @Test
    void notesWhenItLastWroteOnTheEventLoopsClock() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        OutboundQueue outbound = new OutboundQueue(channel);
        long created = outbound.lastWriteNanos();

        channel.advanceTimeBy(5, TimeUnit.SECONDS);
        channel.runPendingTasks();
        assertThat(outbound.lastWriteNanos()).as("no write, no change").isEqualTo(created);

        outbound.send(new Ack(1));
        channel.runPendingTasks();
        assertThat(outbound.lastWriteNanos() - created).isEqualTo(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void tellsTheSenderWhenItsFrameCouldNotBeWritten() {
        EmbeddedChannel channel = new EmbeddedChannel();
        OutboundQueue outbound = new OutboundQueue(channel);
        channel.close();
        List<Throwable> failures = new ArrayList<>();

        outbound.send(new Ack(1), failures::add);
        outbound.send(new Ack(2));
        channel.runPendingTasks();

        assertThat(failures).hasSize(1);
    }

    @Test
    void failsWhatIsQueuedWhenTheEventLoopIsGone() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop();
        LocalChannel channel = new LocalChannel();
        loop.register(channel).sync();
        OutboundQueue outbound = new OutboundQueue(channel);
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).sync();
        List<Throwable> failures = new ArrayList<>();

        outbound.send(new Ack(1), failures::add);

        assertThat(failures).hasSize(1);
    }

    @Test
    void aBoundedQueueCutsOffAPeerThatFallsBehindAndDropsWhatFollows() {
        EmbeddedChannel channel = new EmbeddedChannel();
        // A message that is not a buffer counts 8 bytes plus Netty's 96 per entry: the third write leaves 312
        // pending, over the mark of 250.
        channel.config().setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(100, 250));
        List<String> cutOff = new ArrayList<>();
        OutboundQueue outbound = new OutboundQueue(channel, () -> cutOff.add("backed up"));
        List<Throwable> failures = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            outbound.send(new Ack(i), failures::add);
        }
        channel.runPendingTasks();

        assertThat(cutOff).containsExactly("backed up");
        assertThat(outbound.isBackedUp()).isTrue();
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ack(1));
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ack(2));
        assertThat((Object) channel.readOutbound()).isEqualTo(new Ack(3));
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(failures)
                .as("the two not written were dropped, and their senders told")
                .hasSize(2);

        outbound.send(new Ack(6), failures::add);
        channel.runPendingTasks();
        assertThat((Object) channel.readOutbound())
                .as("nothing more is kept for it")
                .isNull();
        assertThat(failures).hasSize(3);
        assertThat(cutOff).as("told once").hasSize(1);
    }

    @Test
    void aClosedConnectionIsNotTakenForASlowOne() {
        EmbeddedChannel channel = new EmbeddedChannel();
        List<String> cutOff = new ArrayList<>();
        OutboundQueue outbound = new OutboundQueue(channel, () -> cutOff.add("backed up"));
        channel.close();

        outbound.send(new Ack(1));
        channel.runPendingTasks();

        assertThat(cutOff).isEmpty();
        assertThat(outbound.isBackedUp()).isFalse();
    }

    @Test
    void anUnboundedQueueKeepsWritingToASlowPeer() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setWriteBufferWaterMark(new io.netty.channel.WriteBufferWaterMark(8, 16));
        OutboundQueue outbound = new OutboundQueue(channel);
        for (int i = 1; i <= 5; i++) {
            outbound.send(new Ack(i));
        }
        channel.runPendingTasks();
        for (int i = 1; i <= 5; i++) {
            assertThat((Object) channel.readOutbound()).isEqualTo(new Ack(i));
        }
    }

    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count++;
            ctx.flush();
        }
    }
}
