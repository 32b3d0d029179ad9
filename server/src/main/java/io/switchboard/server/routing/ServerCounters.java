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
