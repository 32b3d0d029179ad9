package io.switchboard.benchmarks;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * At most {@code size} calls outstanding on one connection, the throughput runs' window. A completed call counts;
 * a call the server refused as {@code busy} frees its slot and counts apart (when the workload allows that
 * answer); the first failure is kept and ends the run.
 */
public final class CallWindow {

    private final int size;
    private final Semaphore permits;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public CallWindow(int size) {
        this.size = size;
        this.permits = new Semaphore(size);
    }

    /** Waits for a free slot; fails if a call failed already or no slot frees within {@code timeout}. */
    public void acquire(Duration timeout) throws InterruptedException {
        throwIfFailed();
        if (!permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("no call completed within " + timeout + " with " + size + " in flight");
        }
    }

    /** A call ended: completed when {@code error} is null, else the run's failure. */
    public void done(Throwable error) {
        if (error != null) {
            failure.compareAndSet(null, error);
        } else {
            completed.incrementAndGet();
        }
        permits.release();
    }

    /** A call the server answered {@code busy}: its slot is free again, and it does not count as completed. */
    public void refused() {
        refused.incrementAndGet();
        permits.release();
    }

    public long completed() {
        return completed.get();
    }

    public long refusedCount() {
        return refused.get();
    }

    /** Waits until every outstanding call has ended. */
    public void drain(Duration timeout) throws InterruptedException {
        if (!permits.tryAcquire(size, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("calls still outstanding " + timeout + " after the run ended");
        }
        permits.release(size);
    }

    public void throwIfFailed() {
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException("a call failed during the throughput run: " + error, error);
        }
    }
}
