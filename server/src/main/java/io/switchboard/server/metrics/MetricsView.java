package io.switchboard.server.metrics;

import java.util.Map;

/**
 * What the server measured, as the monitoring port reads it: per-alias call figures for {@code /sessionz}, store
 * write figures for {@code /storez} and the Prometheus exposition for {@code /metrics}. With metrics off
 * ({@link #OFF}) nothing is measured and every figure is empty.
 */
public interface MetricsView {

    /** Whether calls are measured at all ({@code metrics: false} turns it off). */
    boolean enabled();

    /**
     * The figures of every alias that has answered calls since start, by alias. The number of aliases is capped
     * (docs/monitoring.md, "Metrics"); calls of aliases beyond the cap are counted under {@code other}.
     */
    Map<String, AliasFigures> aliases();

    /** The figures of all calls together, whatever their alias (the dashboard's calls/s and latency). */
    AliasFigures allCalls();

    /** The store's writes: counts, group-commit batch sizes and write latency. */
    StoreFigures storeWrites();

    /** Every metric in the Prometheus text exposition format (version 0.0.4); empty when metrics are off. */
    String prometheusText();

    /** Metrics off: nothing measured. */
    MetricsView OFF = new MetricsView() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Map<String, AliasFigures> aliases() {
            return Map.of();
        }

        @Override
        public AliasFigures allCalls() {
            return AliasFigures.NONE;
        }

        @Override
        public StoreFigures storeWrites() {
            return StoreFigures.NONE;
        }

        @Override
        public String prometheusText() {
            return "";
        }
    };
}
