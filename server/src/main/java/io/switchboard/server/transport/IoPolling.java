package io.switchboard.server.transport;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How the server's I/O threads poll before they sleep ({@link SpinningIoHandler}): for up to {@code spinMicros}
 * (0 = never), and only while the server routes at most {@code maxCallsPerSecond} calls a second (0 = at any rate),
 * counted by {@code callsRouted}.
 */
public record IoPolling(int spinMicros, long maxCallsPerSecond, LongSupplier callsRouted) {

    public IoPolling {
        Objects.requireNonNull(callsRouted, "callsRouted");
        if (spinMicros < 0 || maxCallsPerSecond < 0) {
            throw new IllegalArgumentException("spinMicros and maxCallsPerSecond must be 0 or more, were " + spinMicros
                    + " and " + maxCallsPerSecond);
        }
    }
}
