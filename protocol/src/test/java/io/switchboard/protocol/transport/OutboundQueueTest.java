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

    private static final class FlushCounter extends ChannelOutboundHandlerAdapter {
        int count;

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count++;
            ctx.flush();
        }
    }
}
