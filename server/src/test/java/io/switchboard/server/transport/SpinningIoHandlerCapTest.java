package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoRegistration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Whether the loop polls before it blocks, seen from the transport's side: an {@link IoHandler} that records, for
 * each time the loop runs it, whether it was allowed to block. Polling shows as runs that may not block, then one
 * that may; a loop that does not poll runs it once, blocking.
 */
class SpinningIoHandlerCapTest {

    private final AtomicLong callsRouted = new AtomicLong();
    private final RecordingIoHandler transport = new RecordingIoHandler();

    private SpinningIoHandler spinning(long maxCallsPerSecond) {
        return new SpinningIoHandler(transport, new IoPolling(200, maxCallsPerSecond, callsRouted::get));
    }

    @Test
    void underTheCapTheLoopPollsBeforeItBlocks() {
        SpinningIoHandler loop = spinning(50_000);
        loop.run(new BlockingContext());
        assertThat(transport.mayBlock).hasSizeGreaterThan(1).endsWith(true);
        assertThat(transport.mayBlock.subList(0, transport.mayBlock.size() - 1)).containsOnly(false);
    }

    @Test
    void overTheCapTheLoopBlocksAtOnceAndPollsAgainOnceTheRateFalls() throws InterruptedException {
        SpinningIoHandler loop = spinning(50_000);
        callsRouted.addAndGet(1_000_000);
        Thread.sleep(2); // a whole window: a million calls in it is far over 50,000 a second
        loop.run(new BlockingContext());
        assertThat(transport.mayBlock).containsExactly(true);

        transport.mayBlock.clear();
        Thread.sleep(2); // a whole window without a call
        loop.run(new BlockingContext());
        assertThat(transport.mayBlock).hasSizeGreaterThan(1).startsWith(false).endsWith(true);
    }

    @Test
    void withoutACapTheLoopPollsAtAnyRate() throws InterruptedException {
        SpinningIoHandler loop = spinning(0);
        callsRouted.addAndGet(1_000_000);
        Thread.sleep(2);
        loop.run(new BlockingContext());
        assertThat(transport.mayBlock).hasSizeGreaterThan(1).startsWith(false).endsWith(true);
    }

    /** The loop's context when it has no task waiting: it may block. */
    private static final class BlockingContext implements IoHandlerContext {
        @Override
        public boolean canBlock() {
            return true;
        }

        @Override
        public long delayNanos(long currentTimeNanos) {
            return Long.MAX_VALUE;
        }

        @Override
        public long deadlineNanos() {
            return -1;
        }
    }

    /** A transport with no I/O ready: every run handles nothing and returns at once. */
    private static final class RecordingIoHandler implements IoHandler {
        final List<Boolean> mayBlock = new ArrayList<>();

        @Override
        public int run(IoHandlerContext context) {
            mayBlock.add(context.canBlock());
            return 0;
        }

        @Override
        public void wakeup() {}

        @Override
        public IoRegistration register(IoHandle handle) {
            throw new UnsupportedOperationException("no channels here");
        }

        @Override
        public boolean isCompatible(Class<? extends IoHandle> handleType) {
            return false;
        }
    }
}
