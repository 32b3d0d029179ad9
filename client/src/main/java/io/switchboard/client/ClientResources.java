package io.switchboard.client;

import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.client.internal.Transport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The threads a client runs on: I/O event loops and a deadline timer. Each client owns a small set of its own by
 * default; share one {@code ClientResources} when a process holds many clients (a connection pool, say), so a
 * hundred connections do not mean two hundred threads. Whoever creates it closes it, after the clients using it.
 */
public final class ClientResources implements AutoCloseable {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(3);

    private final Transport transport;
    private final HashedWheelTimer timer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ClientResources(int ioThreads, String threadNamePrefix) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, not " + ioThreads);
        }
        this.transport = new Transport(ioThreads, threadNamePrefix + "-io");
        // 10 ms ticks: deadlines are milliseconds to seconds; finer ticks would only cost wake-ups.
        this.timer = new HashedWheelTimer(
                new DefaultThreadFactory(threadNamePrefix + "-timer", true), 10, TimeUnit.MILLISECONDS);
    }

    /** Starts {@code ioThreads} I/O threads and one timer thread, named after {@code threadNamePrefix}. */
    public static ClientResources create(int ioThreads, String threadNamePrefix) {
        return new ClientResources(ioThreads, threadNamePrefix);
    }

    /** Internal: the event loops and channel types. */
    public Transport transport() {
        return transport;
    }

    /** Internal: the timer for deadlines and backoff. */
    public HashedWheelTimer timer() {
        return timer;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Stops the threads, waiting a few seconds at most. Clients still using them fail. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.shutdown(SHUTDOWN_WAIT);
            timer.stop();
        }
    }
}
