package io.switchboard.server.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;

/**
 * Puts the figures this package keeps itself (per-alias calls, store write latency) into the Prometheus exposition,
 * built only when scraped: nothing is registered or allocated per call.
 */
final class CallCollector implements MultiCollector {

    /**
     * The {@code le} bounds of the exposed histograms, in nanoseconds: 50 µs .. 60 s, each one of
     * {@link LatencyHistogram#BOUNDS} (the finer buckets stay inside, for percentiles).
     */
    static final long[] EXPOSED_BOUNDS_NANOS = {
        50_000L,
        100_000L,
        250_000L,
        500_000L,
        1_000_000L,
        2_500_000L,
        5_000_000L,
        10_000_000L,
        25_000_000L,
        50_000_000L,
        100_000_000L,
        250_000_000L,
        500_000_000L,
        1_000_000_000L,
        2_500_000_000L,
        5_000_000_000L,
        10_000_000_000L,
        25_000_000_000L,
        60_000_000_000L
    };

    private static final double[] EXPOSED_BOUNDS_SECONDS = exposedSeconds();

    private final CallMeters calls;
    private final StoreMeter store;

    CallCollector(CallMeters calls, StoreMeter store) {
        this.calls = calls;
        this.store = store;
    }

    private static double[] exposedSeconds() {
        double[] seconds = new double[EXPOSED_BOUNDS_NANOS.length + 1];
        for (int i = 0; i < EXPOSED_BOUNDS_NANOS.length; i++) {
            seconds[i] = EXPOSED_BOUNDS_NANOS[i] / 1e9;
        }
        seconds[EXPOSED_BOUNDS_NANOS.length] = Double.POSITIVE_INFINITY;
        return seconds;
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder counts = CounterSnapshot.builder()
                .name("switchboard_calls")
                .help("Calls of client connections answered, by alias and result code");
        HistogramSnapshot.Builder durations = HistogramSnapshot.builder()
                .name("switchboard_call_duration_seconds")
                .help("Time from a call's arrival to its RESULT, by alias");
        for (Map.Entry<String, AliasCalls> alias : calls.all().entrySet()) {
            for (Map.Entry<String, Long> code : alias.getValue().byCode().entrySet()) {
                counts.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(Labels.of("alias", alias.getKey(), "code", code.getKey()))
                        .value(code.getValue())
                        .build());
            }
            durations.dataPoint(histogram(alias.getValue().durations().total(), Labels.of("alias", alias.getKey())));
        }
        HistogramSnapshot writes = HistogramSnapshot.builder()
                .name("switchboard_store_write_seconds")
                .help("Time from a store write's submission to its commit")
                .dataPoint(histogram(store.writeLatency().total(), Labels.EMPTY))
                .build();
        return new MetricSnapshots(List.of(counts.build(), durations.build(), writes));
    }

    private static HistogramSnapshot.HistogramDataPointSnapshot histogram(
            LatencyHistogram.Snapshot snapshot, Labels labels) {
        long[] cumulative = snapshot.cumulativeAt(EXPOSED_BOUNDS_NANOS);
        long[] perBucket = new long[cumulative.length];
        for (int i = 0; i < cumulative.length; i++) {
            perBucket[i] = cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
        }
        return HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .labels(labels)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(EXPOSED_BOUNDS_SECONDS, perBucket))
                .sum(snapshot.sumNanos() / 1e9)
                .build();
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of("switchboard_calls", "switchboard_call_duration_seconds", "switchboard_store_write_seconds");
    }
}
