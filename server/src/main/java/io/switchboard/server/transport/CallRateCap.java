package io.switchboard.server.transport;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Whether an I/O thread may poll, judged by how many calls the server routed in the last millisecond or so. Under
 * light traffic a frame's wake-up is most of its latency and polling saves it; under heavy traffic the thread finds
 * frames waiting anyway, and polling mostly spends CPU per call (measured in docs/benchmarks.md, issue 18). One per
 * I/O thread, used by that thread only; the count it reads is the server's, shared by every thread.
 */
final class CallRateCap {

    /** How often the rate is taken: short enough to follow a change of load, long enough to count a few calls. */
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final LongSupplier callsRouted;
    private final long maxCallsPerSecond;
    private long windowStart;
    private long callsAtWindowStart;
    private boolean allows = true;

    /**
     * @param callsRouted the calls routed since start; only ever grows
     * @param maxCallsPerSecond above this rate polling stops; 0 = no limit
     */
    CallRateCap(LongSupplier callsRouted, long maxCallsPerSecond, long nowNanos) {
        this.callsRouted = callsRouted;
        this.maxCallsPerSecond = maxCallsPerSecond;
        this.windowStart = nowNanos;
        this.callsAtWindowStart = callsRouted.getAsLong();
    }

    /** Whether polling is allowed at {@code nowNanos}: the rate over the last full window was at most the cap. */
    boolean allowsPolling(long nowNanos) {
        if (maxCallsPerSecond == 0) {
            return true;
        }
        long elapsed = nowNanos - windowStart;
        if (elapsed >= WINDOW_NANOS) {
            long calls = callsRouted.getAsLong();
            // In doubles: after a long idle spell the elapsed nanoseconds times the cap would overflow a long.
            allows = (calls - callsAtWindowStart) * 1e9 <= (double) maxCallsPerSecond * elapsed;
            callsAtWindowStart = calls;
            windowStart = nowNanos;
        }
        return allows;
    }
}
