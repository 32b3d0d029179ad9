package io.switchboard.server.metrics;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Durations in fixed buckets: 109 upper bounds from 10 µs to 60 s, each at most 1.25 times the one below it (16 per
 * decade: 1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9), and one bucket above 60 s. Recording is one
 * binary search and two striped increments: no allocation, no lock, safe from any thread.
 *
 * <p>Counts are kept since start (the Prometheus histogram is cumulative); {@link #recent} gives the figures of the
 * last 30 to 60 seconds for percentiles. A percentile is interpolated inside its bucket, so it is within 25 % of the
 * true value (within 10 µs below 10 µs); above 60 s it is the largest duration seen.
 */
public final class LatencyHistogram {

    /** Upper bounds of the buckets, in nanoseconds, ascending; the last bucket (index {@code BOUNDS.length}) is open. */
    static final long[] BOUNDS = bounds();

    /** How long a window of {@link #recent} lasts; figures cover one to two windows. */
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final LongAdder[] counts = new LongAdder[BOUNDS.length + 1];
    private final LongAdder sumNanos = new LongAdder();
    /** The largest duration since start, and in the current and the previous window. */
    private final AtomicLong maxNanos = new AtomicLong();

    private final AtomicLong windowMax = new AtomicLong();
    private long previousWindowMax;

    /** Cumulative counts when the previous window began; read and rotated under this histogram's lock. */
    private long[] previousStart = new long[BOUNDS.length + 1];

    private long[] currentStart = new long[BOUNDS.length + 1];
    private long windowStartedNanos;

    public LatencyHistogram() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
        windowStartedNanos = System.nanoTime();
    }

    private static long[] bounds() {
        int[] mantissas = {10, 12, 14, 16, 18, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90};
        long[] bounds = new long[16 * 6 + 13];
        int n = 0;
        long scale = 1_000; // 10 µs = 10 * 1000 ns
        for (int decade = 0; decade < 7; decade++, scale *= 10) {
            for (int m : mantissas) {
                long bound = m * scale;
                if (bound > 60_000_000_000L) {
                    break;
                }
                bounds[n++] = bound;
            }
        }
        return Arrays.copyOf(bounds, n);
    }

    /** The bucket of {@code nanos}: the first whose upper bound is at least it. */
    static int bucketOf(long nanos) {
        int i = Arrays.binarySearch(BOUNDS, nanos);
        return i >= 0 ? i : -i - 1;
    }

    /** Records one duration; a negative one (a clock step) counts as 0. */
    public void record(long nanos) {
        long d = Math.max(0, nanos);
        counts[bucketOf(d)].increment();
        sumNanos.add(d);
        if (d > windowMax.get()) {
            windowMax.accumulateAndGet(d, Math::max);
            if (d > maxNanos.get()) {
                maxNanos.accumulateAndGet(d, Math::max);
            }
        }
    }

    /** Everything since start: the Prometheus histogram. */
    public Snapshot total() {
        return new Snapshot(counts(), sumNanos.sum(), maxNanos.get());
    }

    /** The last 30 to 60 seconds (as of {@code nowNanos}): for percentiles that follow the load. */
    public synchronized Snapshot recent(long nowNanos) {
        long[] now = counts();
        if (nowNanos - windowStartedNanos >= WINDOW_NANOS) {
            previousStart = currentStart;
            currentStart = now.clone();
            previousWindowMax = windowMax.getAndSet(0);
            windowStartedNanos = nowNanos;
        }
        long[] window = new long[now.length];
        for (int i = 0; i < now.length; i++) {
            window[i] = now[i] - previousStart[i];
        }
        return new Snapshot(window, -1, Math.max(previousWindowMax, windowMax.get()));
    }

    private long[] counts() {
        long[] snapshot = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            snapshot[i] = counts[i].sum();
        }
        return snapshot;
    }

    /**
     * Counts per bucket at one moment.
     *
     * @param counts   per bucket, as {@link #BOUNDS} (the last is above 60 s)
     * @param sumNanos the sum of the durations; -1 when not known (a window)
     * @param maxNanos the largest duration
     */
    public record Snapshot(long[] counts, long sumNanos, long maxNanos) {

        public static final Snapshot EMPTY = new Snapshot(new long[BOUNDS.length + 1], 0, 0);

        public long count() {
            long n = 0;
            for (long c : counts) {
                n += c;
            }
            return n;
        }

        /** Both snapshots together (all aliases' calls). */
        public Snapshot plus(Snapshot other) {
            long[] sum = counts.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += other.counts[i];
            }
            long s = sumNanos < 0 || other.sumNanos < 0 ? -1 : sumNanos + other.sumNanos;
            return new Snapshot(sum, s, Math.max(maxNanos, other.maxNanos));
        }

        /**
         * The {@code q} quantile (0..1) in seconds, interpolated inside its bucket and never above the largest
         * duration; 0 without durations.
         */
        public double quantileSeconds(double q) {
            long total = count();
            if (total == 0) {
                return 0;
            }
            // The rank of the quantile, as Prometheus's histogram_quantile counts it.
            double rank = q * total;
            long below = 0;
            for (int i = 0; i < counts.length; i++) {
                long c = counts[i];
                if (c > 0 && below + c >= rank) {
                    if (i == BOUNDS.length) {
                        return maxNanos / 1e9; // above the last bound: only the largest is known
                    }
                    double lower = i == 0 ? 0 : BOUNDS[i - 1];
                    double upper = BOUNDS[i];
                    double nanos = lower + (upper - lower) * Math.max(0, rank - below) / c;
                    return Math.min(nanos, maxNanos) / 1e9;
                }
                below += c;
            }
            return maxNanos / 1e9;
        }

        public double maxSeconds() {
            return maxNanos / 1e9;
        }

        /** Cumulative counts at each of {@code upperBoundsNanos} (each must be one of {@link #BOUNDS}), then +Inf. */
        public long[] cumulativeAt(long[] upperBoundsNanos) {
            long[] cumulative = new long[upperBoundsNanos.length + 1];
            long running = 0;
            int next = 0;
            for (int i = 0; i < counts.length; i++) {
                running += counts[i];
                while (next < upperBoundsNanos.length && i < BOUNDS.length && BOUNDS[i] == upperBoundsNanos[next]) {
                    cumulative[next++] = running;
                }
            }
            cumulative[upperBoundsNanos.length] = running;
            return cumulative;
        }
    }
}
