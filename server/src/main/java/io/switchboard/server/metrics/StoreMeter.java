package io.switchboard.server.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.switchboard.server.store.WriteObserver;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/** The store's writes as its writer thread reports them: latency, group-commit sizes and failures. */
final class StoreMeter implements WriteObserver {

    private final LatencyHistogram writeLatency = new LatencyHistogram();
    private final DistributionSummary batchSizes;
    private final LongAdder failures = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchedWrites = new LongAdder();
    private final AtomicLong maxBatch = new AtomicLong();
    private volatile IntSupplier queueDepth = () -> 0;

    StoreMeter(DistributionSummary batchSizes) {
        this.batchSizes = batchSizes;
    }

    void queueDepth(IntSupplier depth) {
        this.queueDepth = depth;
    }

    @Override
    public void batchCommitted(int writes) {
        batches.increment();
        batchedWrites.add(writes);
        maxBatch.accumulateAndGet(writes, Math::max);
        batchSizes.record(writes);
    }

    @Override
    public void written(long nanos) {
        writeLatency.record(nanos);
    }

    @Override
    public void failed() {
        failures.increment();
    }

    LatencyHistogram writeLatency() {
        return writeLatency;
    }

    long failures() {
        return failures.sum();
    }

    int queueDepth() {
        return queueDepth.getAsInt();
    }

    StoreFigures figures(long nowNanos) {
        LatencyHistogram.Snapshot recent = writeLatency.recent(nowNanos);
        long n = batches.sum();
        return new StoreFigures(
                writeLatency.total().count(),
                failures.sum(),
                n,
                n == 0 ? 0 : (double) batchedWrites.sum() / n,
                maxBatch.get(),
                recent.quantileSeconds(0.5),
                recent.quantileSeconds(0.99),
                queueDepth());
    }
}
