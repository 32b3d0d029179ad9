package io.switchboard.server.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.metrics.StoreFigures;
import io.switchboard.server.store.Store;

/** {@code /storez}: the store's backend and location, its write queue now, and its write figures (metrics). */
final class StorezEndpoint implements Endpoint {

    private final Monitored server;

    StorezEndpoint(Monitored server) {
        this.server = server;
    }

    @Override
    public MonitorResponse handle(MonitorRequest request) {
        Store store = server.store();
        StoreFigures writes = server.metrics().get().storeWrites();
        ObjectNode body = Json.object()
                .put("backend", store.backend())
                .put("location", withoutPassword(store.location()))
                .put("queue_depth", store.queuedWrites())
                .put("failing", store.writeFailure().orElse(null))
                .put("writes", writes.writes())
                .put("failures", writes.failures())
                .put("batches", writes.batches())
                .put("mean_batch_size", writes.meanBatchSize())
                .put("max_batch_size", writes.maxBatchSize());
        body.set(
                "write_seconds",
                Json.object().put("p50", writes.p50WriteSeconds()).put("p99", writes.p99WriteSeconds()));
        return MonitorResponse.ok(body);
    }

    /** A JDBC URL may carry {@code password=...}; never show it. */
    static String withoutPassword(String location) {
        return location.replaceAll("(?i)(password=)[^&;]*", "$1[redacted]");
    }
}
