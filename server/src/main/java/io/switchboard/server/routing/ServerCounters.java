package io.switchboard.server.routing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters the routing core keeps for {@code ServerStats}; cheap to bump from any event loop. */
public final class ServerCounters {

    final AtomicLong outstanding = new AtomicLong();
    final LongAdder delivered = new LongAdder();
    final LongAdder lateResults = new LongAdder();
    final LongAdder busy = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    private final LongAdder slowConsumers = new LongAdder();
    private final LongAdder connectionsRefused = new LongAdder();
    private final LongAdder overloaded = new LongAdder();
    private final LongAdder outOfMemory = new LongAdder();

    /** A connection was closed for reading slower than it was written to ({@code slow-consumer}). */
    public void slowConsumer() {
        slowConsumers.increment();
    }

    /** A connection was refused by a connection cap ({@code too-many-connections}). */
    public void connectionRefused() {
        connectionsRefused.increment();
    }

    /** A connection was closed to bound the memory of incomplete frames ({@code overloaded}). */
    public void overloaded() {
        overloaded.increment();
    }

    /** A connection's handler met an OutOfMemoryError (the connection was left open). */
    public void outOfMemory() {
        outOfMemory.increment();
    }

    public long slowConsumers() {
        return slowConsumers.sum();
    }

    public long connectionsRefused() {
        return connectionsRefused.sum();
    }

    public long overloadedClosed() {
        return overloaded.sum();
    }

    public long outOfMemoryErrors() {
        return outOfMemory.sum();
    }

    public long outstanding() {
        return outstanding.get();
    }

    public long delivered() {
        return delivered.sum();
    }

    public long lateResults() {
        return lateResults.sum();
    }

    public long busy() {
        return busy.sum();
    }

    public long timeouts() {
        return timeouts.sum();
    }
}
