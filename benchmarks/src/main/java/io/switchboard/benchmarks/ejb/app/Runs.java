package io.switchboard.benchmarks.ejb.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The measured loops, run inside WildFly. All are bounded: the sequential loop by a deadline, the concurrent and
 * pipelined ones by their length plus {@link #CALL_SLACK}; a failed call ends the run with that failure.
 */
final class Runs {

    /** Longer than any call may take (the call timeout is 10 s), so a stuck caller is reported, not waited for. */
    static final Duration CALL_SLACK = Duration.ofSeconds(30);

    private Runs() {}

    /** {@code calls} sequential calls on this thread; returns each one's duration in nanoseconds. */
    static long[] sequential(Echo echo, byte[] payload, int calls, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            echo.echo(payload);
            long done = System.nanoTime();
            nanos[i] = done - start;
            if (done - end > 0) {
                throw new IllegalStateException("sequential run passed its " + deadline + " deadline after " + (i + 1)
                        + " of " + calls + " calls");
            }
        }
        return nanos;
    }

    /** Calls completed within {@code nanos} by {@code threads} callers that each call again as soon as one returns. */
    record Count(long calls, long nanos) {}

    /** @param echoFor the echo caller thread {@code i} uses */
    static Count concurrent(
            IntFunction<Echo> echoFor, byte[] payload, int threads, Duration length, ThreadFactory factory)
            throws InterruptedException {
        LongAdder completed = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2]; // start and end, written before go opens
        List<Thread> callers = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            Echo echo = echoFor.apply(i);
            Thread caller = factory.newThread(() -> {
                ready.countDown();
                try {
                    go.await();
                    long end = window[1];
                    while (failure.get() == null) {
                        echo.echo(payload);
                        if (System.nanoTime() - end > 0) {
                            return; // finished after the window: not counted
                        }
                        completed.increment();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            });
            caller.setName("bench-caller-" + i);
            callers.add(caller);
            caller.start();
        }
        try {
            if (!ready.await(CALL_SLACK.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "only " + (threads - ready.getCount()) + " of " + threads + " caller threads started");
            }
            window[0] = System.nanoTime();
            window[1] = window[0] + length.toNanos();
            go.countDown();
            long joinBy = window[1] + CALL_SLACK.toNanos();
            for (Thread caller : callers) {
                caller.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime())));
                if (caller.isAlive()) {
                    throw new IllegalStateException(
                            caller.getName() + " still in a call " + CALL_SLACK + " after the run ended");
                }
            }
        } finally {
            go.countDown();
            callers.forEach(Thread::interrupt); // only the ones still running notice
        }
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("a call failed during the concurrent run: " + error, error);
        }
        return new Count(completed.sum(), length.toNanos());
    }

    /**
     * Calls started one after another, never more than {@code inFlight} outstanding, for {@code length}; returns
     * how many completed within it. Completions arrive on the client's I/O threads.
     */
    static long pipelined(
            Function<byte[], CompletableFuture<byte[]>> callAsync, byte[] payload, int inFlight, Duration length) {
        Semaphore permits = new Semaphore(inFlight);
        LongAdder completed = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long end = System.nanoTime() + length.toNanos();
        try {
            while (System.nanoTime() - end < 0 && failure.get() == null) {
                if (!permits.tryAcquire(CALL_SLACK.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException(
                            "no call completed within " + CALL_SLACK + " with " + inFlight + " in flight");
                }
                callAsync.apply(payload).whenComplete((reply, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else if (System.nanoTime() - end <= 0) {
                        completed.increment();
                    }
                    permits.release();
                });
            }
            // Every call ends before the connection goes back to the pool.
            if (!permits.tryAcquire(inFlight, CALL_SLACK.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("calls still outstanding " + CALL_SLACK + " after the run ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the pipelined run", e);
        }
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("a call failed during the pipelined run: " + error, error);
        }
        return completed.sum();
    }
}
