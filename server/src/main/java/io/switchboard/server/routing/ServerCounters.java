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
    private final LongAdder pingsAnswered = new LongAdder();
    private final LongAdder closedBytesIn = new LongAdder();
    private final LongAdder closedBytesOut = new LongAdder();

    /** A connection closed: what it carried stays in the server's byte totals. */
    public void closed(Traffic traffic) {
        closedBytesIn.add(traffic.bytesIn());
        closedBytesOut.add(traffic.bytesOut());
    }

    /** Bytes read by connections closed since start. */
    public long closedBytesIn() {
        return closedBytesIn.sum();
    }

    /** Bytes written to connections closed since start. */
    public long closedBytesOut() {
        return closedBytesOut.sum();
    }

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

    /** A call was forwarded to another cluster node: it is in flight like a local delivery (the drain waits). */
    public void remoteCallStarted() {
        outstanding.incrementAndGet();
    }

    /** A call forwarded to another cluster node was settled. */
    public void remoteCallSettled() {
        outstanding.decrementAndGet();
    }

    /** A RESULT came after its call was settled elsewhere (a call forwarded to another cluster node). */
    public void lateResult() {
        lateResults.increment();
    }

    /** A call was answered {@code timeout} outside the routing core (a call forwarded to another node). */
    public void timedOut() {
        timeouts.increment();
    }

    /** A call was answered {@code busy} outside the routing core (a cap on calls to another node). */
    public void busyRefusal() {
        busy.increment();
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

    /** A client's PING (not a heartbeat) was answered: validation pings of pools show here. */
    public void pingAnswered() {
        pingsAnswered.increment();
    }

    public long pingsAnswered() {
        return pingsAnswered.sum();
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
