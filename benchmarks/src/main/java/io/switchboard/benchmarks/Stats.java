package io.switchboard.benchmarks;

import java.util.Arrays;

/** Percentiles of a set of measured durations, exact (the samples are sorted, not bucketed). */
public final class Stats {

    private final long[] sortedNanos;

    private Stats(long[] sortedNanos) {
        this.sortedNanos = sortedNanos;
    }

    /** Takes ownership of {@code nanos} (sorts it in place). */
    public static Stats of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        Arrays.sort(nanos);
        return new Stats(nanos);
    }

    /** Nearest-rank percentile: the smallest sample with at least {@code percent}% of samples at or below it. */
    public long percentileNanos(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + percent);
        }
        int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(rank, 1) - 1];
    }

    public double percentileMicros(double percent) {
        return percentileNanos(percent) / 1_000.0;
    }

    public int count() {
        return sortedNanos.length;
    }
}
