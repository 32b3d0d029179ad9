package io.switchboard.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void bucketsSpan10MicrosecondsTo60SecondsEachAtMostAQuarterAboveTheLast() {
        long[] bounds = LatencyHistogram.BOUNDS;
        assertThat(bounds[0]).isEqualTo(10_000L);
        assertThat(bounds[bounds.length - 1]).isEqualTo(60_000_000_000L);
        for (int i = 1; i < bounds.length; i++) {
            assertThat((double) bounds[i] / bounds[i - 1]).isGreaterThan(1).isLessThanOrEqualTo(1.25);
        }
        for (long exposed : CallCollector.EXPOSED_BOUNDS_NANOS) {
            assertThat(bounds).contains(exposed);
        }
    }

    @Test
    void aDurationGoesToTheFirstBucketWhoseBoundIsAtLeastIt() {
        assertThat(LatencyHistogram.bucketOf(0)).isZero();
        assertThat(LatencyHistogram.bucketOf(10_000)).isZero();
        assertThat(LatencyHistogram.bucketOf(10_001)).isEqualTo(1);
        assertThat(LatencyHistogram.bucketOf(60_000_000_000L)).isEqualTo(LatencyHistogram.BOUNDS.length - 1);
        assertThat(LatencyHistogram.bucketOf(61_000_000_000L)).isEqualTo(LatencyHistogram.BOUNDS.length);
    }

    @Test
    void percentilesAreWithinAQuarterOfTheTrueValue() {
        LatencyHistogram histogram = new LatencyHistogram();
        Random random = new Random(14);
        long[] values = new long[10_000];
        for (int i = 0; i < values.length; i++) {
            // Log-uniform from 20 µs to 20 s.
            values[i] = (long) (20_000 * Math.pow(10, 6 * random.nextDouble()));
            histogram.record(values[i]);
        }
        java.util.Arrays.sort(values);
        LatencyHistogram.Snapshot total = histogram.total();
        assertThat(total.count()).isEqualTo(values.length);
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            double truth = values[(int) Math.ceil(q * values.length) - 1] / 1e9;
            assertThat(total.quantileSeconds(q)).as("q" + q).isCloseTo(truth, within(truth * 0.25));
        }
        assertThat(total.maxSeconds()).isEqualTo(values[values.length - 1] / 1e9);
        assertThat(total.quantileSeconds(1.0)).isLessThanOrEqualTo(total.maxSeconds());
    }

    @Test
    void cumulativeCountsAtTheExposedBoundsEndWithEverything() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(40_000); // 40 µs: le 50 µs
        histogram.record(50_000); // exactly on a bound: le 50 µs
        histogram.record(3_000_000); // 3 ms: le 5 ms
        histogram.record(90_000_000_000L); // 90 s: only +Inf
        long[] cumulative = histogram.total().cumulativeAt(CallCollector.EXPOSED_BOUNDS_NANOS);
        assertThat(cumulative).hasSize(CallCollector.EXPOSED_BOUNDS_NANOS.length + 1);
        assertThat(cumulative[0]).isEqualTo(2); // le 50 µs
        assertThat(cumulative[5]).isEqualTo(2); // le 2.5 ms
        assertThat(cumulative[6]).isEqualTo(3); // le 5 ms
        assertThat(cumulative[18]).isEqualTo(3); // le 60 s
        assertThat(cumulative[19]).isEqualTo(4); // +Inf
        assertThat(histogram.total().sumNanos()).isEqualTo(40_000 + 50_000 + 3_000_000 + 90_000_000_000L);
        // Above the last bound only the largest is known.
        assertThat(histogram.total().quantileSeconds(0.99)).isEqualTo(90.0);
    }

    @Test
    void theRecentWindowForgetsWhatCameTwoWindowsAgo() {
        LatencyHistogram histogram = new LatencyHistogram();
        long start = System.nanoTime();
        histogram.record(5_000_000_000L);
        assertThat(histogram.recent(start).count()).isEqualTo(1);
        long window = LatencyHistogram.WINDOW_NANOS;
        // One window on: the old call is still in (figures cover one to two windows).
        assertThat(histogram.recent(start + window + 1).count()).isEqualTo(1);
        histogram.record(1_000_000);
        // Two windows on: only the newer call is left, and the max is its.
        LatencyHistogram.Snapshot recent = histogram.recent(start + 2 * window + 2);
        assertThat(recent.count()).isEqualTo(1);
        assertThat(recent.maxSeconds()).isEqualTo(0.001);
        assertThat(histogram.total().count()).isEqualTo(2);
        assertThat(histogram.total().maxSeconds()).isEqualTo(5.0);
    }

    @Test
    void noDurationsGiveZeros() {
        LatencyHistogram.Snapshot empty = new LatencyHistogram().total();
        assertThat(empty.quantileSeconds(0.5)).isZero();
        assertThat(empty.maxSeconds()).isZero();
        assertThat(LatencyHistogram.Snapshot.EMPTY.plus(empty).count()).isZero();
    }
}
