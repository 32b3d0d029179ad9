package io.switchboard.jca.adapter;

import io.switchboard.client.ClientTraffic;
import io.switchboard.jca.api.SwitchboardException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one connection definition's connections did: requests and their failures by result code, request time,
 * validations, connection errors, bytes sent and received. Plain JDK counters (striped {@link LongAdder}s, no allocation per event), so
 * counting costs next to nothing and works in any container; WildFly shows them through
 * {@code OutboundStatisticsPlugin} as {@code statistics=extended}.
 *
 * <p>Failures are counted per result code over a fixed list (the codes of the API's exceptions); any other code
 * counts as {@code other}, so the set of figures never grows.
 */
public final class OutboundStatistics {

    /** The result codes counted one by one, in the order of {@link #failures}; the last slot is "other". */
    public static final List<String> FAILURE_CODES = List.of(
            "handler-error",
            "timeout",
            "no-such-session",
            "unknown-method",
            "publisher-lost",
            "busy",
            "shutting-down",
            "bad-request",
            "no-such-line",
            "connection-failed",
            ExceptionMapper.CLIENT_ERROR,
            "other");

    private volatile boolean enabled = true;

    private final LongAdder calls = new LongAdder();
    private final LongAdder callNanos = new LongAdder();
    private final LongAccumulator maxCallNanos = new LongAccumulator(Math::max, 0);
    private final LongAdder[] failures = new LongAdder[FAILURE_CODES.size()];
    private final LongAdder validations = new LongAdder();
    private final LongAdder validationsFailed = new LongAdder();
    private final LongAdder validationNanos = new LongAdder();
    private final LongAccumulator maxValidationNanos = new LongAccumulator(Math::max, 0);
    private final LongAdder connectionErrors = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    /**
     * The open physical connections whose bytes are not all in {@link #bytesSent}/{@link #bytesReceived} yet: settled
     * when the figures are read and when a connection closes, never per request (that cost the request path a lock
     * and two records per call). As many as the pool's physical connections.
     */
    private final Set<PhysicalLink> openLinks = ConcurrentHashMap.newKeySet();

    public OutboundStatistics() {
        for (int i = 0; i < failures.length; i++) {
            failures[i] = new LongAdder();
        }
    }

    // ---- counting (the adapter's own paths) ----

    /** One request answered ({@code failure} null) or failed, which took {@code nanos}. */
    void requestDone(long nanos, Throwable failure) {
        if (!enabled) {
            return;
        }
        calls.increment();
        callNanos.add(nanos);
        maxCallNanos.accumulate(nanos);
        if (failure != null) {
            failures[slotOf(failure)].increment();
        }
    }

    void validationDone(long nanos, boolean valid) {
        if (!enabled) {
            return;
        }
        validations.increment();
        validationNanos.add(nanos);
        maxValidationNanos.accumulate(nanos);
        if (!valid) {
            validationsFailed.increment();
        }
    }

    /** CONNECTION_ERROR_OCCURRED was fired for one connection. */
    void connectionErrorFired() {
        if (enabled) {
            connectionErrors.increment();
        }
    }

    /** {@code link}'s bytes count from now on, settled when the figures are read. */
    void linkOpened(PhysicalLink link) {
        openLinks.add(link);
    }

    /** {@code link} is closed: its last bytes are settled and it is forgotten. */
    void linkClosed(PhysicalLink link) {
        link.settleTraffic();
        openLinks.remove(link);
    }

    /** How many open physical connections the byte figures follow (tests: closed ones must be forgotten). */
    int openLinks() {
        return openLinks.size();
    }

    /** Adds every open connection's bytes since its last settling (or drops them while counting is off). */
    private void settleOpenLinks() {
        for (PhysicalLink link : openLinks) {
            link.settleTraffic();
        }
    }

    /** One connection's client sent and received {@code delta} since it last reported. */
    void trafficDone(ClientTraffic delta) {
        if (enabled) {
            bytesSent.add(delta.bytesSent());
            bytesReceived.add(delta.bytesReceived());
        }
    }

    private static int slotOf(Throwable failure) {
        String code = failure instanceof SwitchboardException api ? api.code() : ExceptionMapper.CLIENT_ERROR;
        int slot = FAILURE_CODES.indexOf(code); // a dozen short strings: no map, nothing to bound
        return slot < 0 ? FAILURE_CODES.size() - 1 : slot;
    }

    // ---- reading ----

    public boolean isEnabled() {
        return enabled;
    }

    /** Off: nothing is counted until switched on again; the figures so far stay. */
    public synchronized void setEnabled(boolean enabled) {
        // Bytes so far count if counting was on, and are dropped if it was off: either way settled under the old state.
        settleOpenLinks();
        this.enabled = enabled;
    }

    /** Every figure back to 0. */
    public synchronized void clear() {
        settleOpenLinks(); // the open connections' bytes so far belong to the figures cleared now
        calls.reset();
        callNanos.reset();
        maxCallNanos.reset();
        for (LongAdder failure : failures) {
            failure.reset();
        }
        validations.reset();
        validationsFailed.reset();
        validationNanos.reset();
        maxValidationNanos.reset();
        connectionErrors.reset();
        bytesSent.reset();
        bytesReceived.reset();
    }

    public long calls() {
        return calls.sum();
    }

    public long failures() {
        long sum = 0;
        for (LongAdder failure : failures) {
            sum += failure.sum();
        }
        return sum;
    }

    /** Failures with {@code code} (one of {@link #FAILURE_CODES}). */
    public long failures(String code) {
        int slot = FAILURE_CODES.indexOf(code);
        if (slot < 0) {
            throw new IllegalArgumentException(
                    "not a counted result code: " + code + " (one of " + FAILURE_CODES + ")");
        }
        return failures[slot].sum();
    }

    public long callTotalMillis() {
        return callNanos.sum() / 1_000_000;
    }

    public long callAverageMillis() {
        long n = calls.sum();
        return n == 0 ? 0 : callNanos.sum() / n / 1_000_000;
    }

    public long callMaxMillis() {
        return maxCallNanos.get() / 1_000_000;
    }

    public long validations() {
        return validations.sum();
    }

    public long validationsFailed() {
        return validationsFailed.sum();
    }

    public long validationTotalMillis() {
        return validationNanos.sum() / 1_000_000;
    }

    public long validationAverageMillis() {
        long n = validations.sum();
        return n == 0 ? 0 : validationNanos.sum() / n / 1_000_000;
    }

    public long validationMaxMillis() {
        return maxValidationNanos.get() / 1_000_000;
    }

    public long connectionErrors() {
        return connectionErrors.sum();
    }

    /** Bytes the connections wrote to their sockets (after TLS and compression), up to now. */
    public long bytesSent() {
        settleOpenLinks();
        return bytesSent.sum();
    }

    /** Bytes the connections read from their sockets (after TLS and compression), up to now. */
    public long bytesReceived() {
        settleOpenLinks();
        return bytesReceived.sum();
    }

    @Override
    public String toString() {
        return "OutboundStatistics[calls=" + calls() + ", failures=" + failures() + ", validations=" + validations()
                + ", validationsFailed=" + validationsFailed() + ", connectionErrors=" + connectionErrors()
                + ", bytesSent=" + bytesSent()
                + ", bytesReceived=" + bytesReceived() + "]";
    }
}
