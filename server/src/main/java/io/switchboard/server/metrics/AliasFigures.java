package io.switchboard.server.metrics;

import java.util.Map;

/**
 * The calls one alias answered since start.
 *
 * @param calls        calls answered (every result code)
 * @param callsByCode  calls answered per result code, by the code's wire name ({@code ok}, {@code timeout}, ...)
 * @param p50Seconds   median time from the call's arrival to its RESULT, in seconds
 * @param p99Seconds   99th percentile of that time
 * @param maxSeconds   the longest (within the recent window the histogram keeps)
 */
public record AliasFigures(
        long calls, Map<String, Long> callsByCode, double p50Seconds, double p99Seconds, double maxSeconds) {

    /** No calls measured. */
    public static final AliasFigures NONE = new AliasFigures(0, Map.of(), 0, 0, 0);

    public AliasFigures {
        callsByCode = Map.copyOf(callsByCode);
    }
}
