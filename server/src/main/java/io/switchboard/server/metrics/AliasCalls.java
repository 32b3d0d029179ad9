package io.switchboard.server.metrics;

import io.switchboard.protocol.ResultCode;
import io.switchboard.server.routing.CallMeter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The calls of one alias (or of every alias beyond the cap): counts per result code and durations. */
final class AliasCalls implements CallMeter.Recorder {

    private static final ResultCode[] CODES = ResultCode.values();

    /** Striped: calls end on every event loop. Indexed by {@link ResultCode#ordinal()}. */
    private final LongAdder[] byCode = new LongAdder[CODES.length];

    private final LatencyHistogram durations = new LatencyHistogram();

    AliasCalls() {
        for (int i = 0; i < byCode.length; i++) {
            byCode[i] = new LongAdder();
        }
    }

    @Override
    public void record(ResultCode code, long nanos) {
        byCode[code.ordinal()].increment();
        durations.record(nanos);
    }

    /** Calls per code's wire name, codes without calls left out; in the order of {@link ResultCode}. */
    Map<String, Long> byCode() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ResultCode code : CODES) {
            long n = byCode[code.ordinal()].sum();
            if (n > 0) {
                counts.put(code.wireName(), n);
            }
        }
        return counts;
    }

    LatencyHistogram durations() {
        return durations;
    }

    /** The figures of {@link io.switchboard.server.metrics.MetricsView#aliases()}: percentiles of the recent window. */
    AliasFigures figures(long nowNanos) {
        return figures(byCode(), durations.recent(nowNanos));
    }

    static AliasFigures figures(Map<String, Long> byCode, LatencyHistogram.Snapshot recent) {
        long calls = 0;
        for (long n : byCode.values()) {
            calls += n;
        }
        return new AliasFigures(
                calls, byCode, recent.quantileSeconds(0.5), recent.quantileSeconds(0.99), recent.maxSeconds());
    }
}
