package io.switchboard.server.transport;

import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.ThreadAwareExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An event loop that polls before it sleeps. When the loop has nothing to do it would block in the kernel, and the
 * next frame for it would have to wake it (on a small VM, some 10-20 µs per wake-up, twice per call through the
 * server). Instead it keeps checking its sockets without blocking, for up to {@code spinNanos}, and blocks only
 * when nothing came in that time. A task handed to the loop from another thread ends the polling at once, and a
 * scheduled task that falls due ends it too, so nothing waits for the spin.
 *
 * <p>The price is CPU: a loop that sees traffic more often than every {@code spinNanos} never sleeps and keeps
 * one core busy whenever no other thread wants it. Under heavy traffic that CPU buys little (frames are waiting
 * whenever the loop looks), so a {@link CallRateCap} stops the polling while the server routes more calls per
 * second than {@link IoPolling#maxCallsPerSecond()}. Off by default ({@code io-spin-micros}, docs/operations.md).
 */
final class SpinningIoHandler implements IoHandler {

    private final IoHandler inner;
    private final long spinNanos;
    private final CallRateCap rateCap;
    private IoHandlerContext blocking;
    private IoHandlerContext polling;

    SpinningIoHandler(IoHandler inner, IoPolling polling) {
        this.inner = inner;
        this.spinNanos = TimeUnit.MICROSECONDS.toNanos(polling.spinMicros());
        this.rateCap = new CallRateCap(polling.callsRouted(), polling.maxCallsPerSecond(), System.nanoTime());
    }

    /** {@code handlers}, each polling as {@code polling} says before it blocks; never polling: {@code handlers}. */
    static IoHandlerFactory around(IoHandlerFactory handlers, IoPolling polling) {
        if (polling.spinMicros() == 0) {
            return handlers;
        }
        return new IoHandlerFactory() {
            @Override
            public IoHandler newHandler(ThreadAwareExecutor executor) {
                return new SpinningIoHandler(handlers.newHandler(executor), polling);
            }

            @Override
            public boolean isChangingThreadSupported() {
                return handlers.isChangingThreadSupported();
            }
        };
    }

    @Override
    public int run(IoHandlerContext context) {
        if (!context.canBlock()) {
            return inner.run(context); // tasks are waiting: no clock read on this busy path
        }
        long start = System.nanoTime();
        if (!rateCap.allowsPolling(start)) {
            return inner.run(context);
        }
        IoHandlerContext nonBlocking = polling(context);
        long end = start + spinNanos;
        do {
            int handled = inner.run(nonBlocking);
            if (handled > 0) {
                return handled;
            }
            // Not onSpinWait: yielding hands the core to any thread waiting for it (on a 2-core machine, the very
            // client whose frame this loop waits for), which polled faster and cost less CPU in the benchmark.
            Thread.yield();
        } while (context.canBlock() && System.nanoTime() - end < 0);
        // A task or a due timer ended the polling: return so the loop runs it. Otherwise sleep until woken.
        return context.canBlock() ? inner.run(context) : 0;
    }

    /** {@code context} that never lets the handler block; the loop passes the same context every time. */
    private IoHandlerContext polling(IoHandlerContext context) {
        if (context != blocking) {
            blocking = context;
            polling = new IoHandlerContext() {
                @Override
                public boolean canBlock() {
                    return false;
                }

                @Override
                public long delayNanos(long currentTimeNanos) {
                    return context.delayNanos(currentTimeNanos);
                }

                @Override
                public long deadlineNanos() {
                    return context.deadlineNanos();
                }

                @Override
                public void reportActiveIoTime(long activeNanos) {
                    context.reportActiveIoTime(activeNanos);
                }

                @Override
                public boolean shouldReportActiveIoTime() {
                    return context.shouldReportActiveIoTime();
                }
            };
        }
        return polling;
    }

    @Override
    public void initialize() {
        inner.initialize();
    }

    @Override
    public void prepareToDestroy() {
        inner.prepareToDestroy();
    }

    @Override
    public void destroy() {
        inner.destroy();
    }

    @Override
    public IoRegistration register(IoHandle handle) throws Exception {
        return inner.register(handle);
    }

    @Override
    public void wakeup() {
        inner.wakeup();
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return inner.isCompatible(handleType);
    }
}
