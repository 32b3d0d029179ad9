package io.switchboard.server.metrics;

/**
 * The store's writes since start.
 *
 * @param writes          writes committed
 * @param failures        writes that failed
 * @param batches         group commits (one transaction each)
 * @param meanBatchSize   writes per group commit, on average
 * @param maxBatchSize    the largest group commit
 * @param p50WriteSeconds median time from a write's submission to its commit, in seconds
 * @param p99WriteSeconds 99th percentile of that time
 * @param queueDepth      writes waiting for the writer now
 */
public record StoreFigures(
        long writes,
        long failures,
        long batches,
        double meanBatchSize,
        long maxBatchSize,
        double p50WriteSeconds,
        double p99WriteSeconds,
        int queueDepth) {

    /** Nothing measured (metrics off). */
    public static final StoreFigures NONE = new StoreFigures(0, 0, 0, 0, 0, 0, 0, 0);
}
