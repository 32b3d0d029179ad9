package io.switchboard.server.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.switchboard.server.routing.CallMeter;
import io.switchboard.server.store.WriteObserver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

/**
 * What the server measures with metrics on (docs/monitoring.md, "Metrics"): a Micrometer Prometheus registry of its
 * own (never the global one, so servers in one JVM stay apart) with the JVM's meters, the server's gauges and
 * counters read from where they are kept, and the per-call and store figures of this package.
 */
public final class ServerMetrics implements MetricsView, AutoCloseable {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), Clock.SYSTEM);
    private final CallMeters calls;
    private final StoreMeter store;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** The suppliers behind the gauges and counters: Micrometer holds some of them only weakly. */
    private final List<Object> sources = new CopyOnWriteArrayList<>();

    /** @param maxAliases aliases with their own figures; calls of the rest count under {@code other} */
    public ServerMetrics(int maxAliases) {
        this.calls = new CallMeters(maxAliases);
        this.store = new StoreMeter(DistributionSummary.builder("switchboard.store.batch.size")
                .description("Writes per group commit of the store (one transaction each)")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
                .register(registry));
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        registry.getPrometheusRegistry().register(new CallCollector(calls, store));
        FunctionCounter.builder("switchboard.store.write.failures", store, StoreMeter::failures)
                .description("Store writes that failed (including those refused because the write queue was full)")
                .register(registry);
        Gauge.builder("switchboard.store.queue.depth", store, StoreMeter::queueDepth)
                .description("Store writes waiting for the writer")
                .register(registry);
    }

    /** What the router records each client call with. */
    public CallMeter callMeter() {
        return calls;
    }

    /** What the store tells of its writes; {@code queueDepth} reads how many wait. */
    public WriteObserver storeObserver(IntSupplier queueDepth) {
        store.queueDepth(queueDepth);
        return store;
    }

    /**
     * A gauge read at each scrape.
     *
     * @param name Prometheus name without the {@code switchboard_} prefix, e.g. {@code connections}
     * @param tags label name and value pairs
     */
    public void gauge(String name, String help, DoubleSupplier value, String... tags) {
        sources.add(value);
        Gauge.builder("switchboard." + name, value, DoubleSupplier::getAsDouble)
                .description(help)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    /**
     * A counter kept elsewhere (a {@code LongAdder} of the server), read at each scrape: exposed as
     * {@code switchboard_<name>_total}.
     */
    public void counter(String name, String help, DoubleSupplier value, String... tags) {
        sources.add(value);
        FunctionCounter.builder("switchboard." + name, value, DoubleSupplier::getAsDouble)
                .description(help)
                .tags(tags)
                .register(registry);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Map<String, AliasFigures> aliases() {
        long now = System.nanoTime();
        Map<String, AliasFigures> figures = new LinkedHashMap<>();
        calls.all().forEach((alias, aliasCalls) -> figures.put(alias, aliasCalls.figures(now)));
        return figures;
    }

    @Override
    public AliasFigures allCalls() {
        long now = System.nanoTime();
        Map<String, Long> byCode = new LinkedHashMap<>();
        LatencyHistogram.Snapshot recent = LatencyHistogram.Snapshot.EMPTY;
        for (AliasCalls aliasCalls : calls.all().values()) {
            aliasCalls.byCode().forEach((code, n) -> byCode.merge(code, n, Long::sum));
            recent = recent.plus(aliasCalls.durations().recent(now));
        }
        return AliasCalls.figures(byCode, recent);
    }

    @Override
    public StoreFigures storeWrites() {
        return store.figures(System.nanoTime());
    }

    @Override
    public String prometheusText() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
