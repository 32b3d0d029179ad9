package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A failing accept (the open-file limit) pauses accepting for a moment, and is not passed on to be logged each time. */
class AcceptFailuresTest {

    @Test
    void anAcceptFailurePausesAcceptingForASecondAndTheListenerStaysOpen() {
        List<Throwable> passedOn = new ArrayList<>();
        EmbeddedChannel listener = new EmbeddedChannel(new AcceptFailures(), new ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                passedOn.add(cause);
            }
        });
        listener.freezeTime();

        listener.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));
        listener.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));

        assertThat(listener.isOpen()).isTrue();
        assertThat(listener.config().isAutoRead()).as("paused").isFalse();
        assertThat(passedOn).isEmpty();
        listener.advanceTimeBy(AcceptFailures.PAUSE_MS, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
        assertThat(listener.config().isAutoRead()).as("accepting again").isTrue();

        IllegalStateException other = new IllegalStateException("not an accept failure");
        listener.pipeline().fireExceptionCaught(other);
        assertThat(passedOn).containsExactly(other);
    }

    @Test
    void aRecurringProblemIsLoggedOncePerIntervalWithTheCountInBetween() {
        LogInterval interval = new LogInterval(1, TimeUnit.HOURS);
        assertThat(interval.admit()).isZero();
        assertThat(interval.admit()).isEqualTo(-1);
        assertThat(interval.admit()).isEqualTo(-1);
    }
}
