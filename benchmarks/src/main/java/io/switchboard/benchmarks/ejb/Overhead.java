package io.switchboard.benchmarks.ejb;

/**
 * The adapter's overhead against the plain client, as the issue states its target: the adapter's p50 latency at
 * most 15 % above the plain client's, and the plain client's throughput at most 15 % above the adapter's.
 *
 * @param p50Ratio        adapter p50 / plain p50 (above 1: the adapter is slower)
 * @param throughputRatio plain calls per second / adapter calls per second (above 1: the adapter is slower)
 */
record Overhead(double p50Ratio, double throughputRatio) {

    static final double TARGET = 0.15;

    static Overhead of(double adapterP50, double plainP50, double adapterCallsPerSecond, double plainCallsPerSecond) {
        if (adapterP50 <= 0 || plainP50 <= 0 || adapterCallsPerSecond <= 0 || plainCallsPerSecond <= 0) {
            throw new IllegalArgumentException("measurements must be positive");
        }
        return new Overhead(adapterP50 / plainP50, plainCallsPerSecond / adapterCallsPerSecond);
    }

    boolean met() {
        return p50Ratio <= 1 + TARGET && throughputRatio <= 1 + TARGET;
    }
}
