package io.switchboard.server.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.util.internal.PlatformDependent;
import io.switchboard.server.ServerStats;
import io.switchboard.server.frontdoor.FrontDoor;
import io.switchboard.server.metrics.AliasFigures;
import io.switchboard.server.pipeline.PendingBytes;
import io.switchboard.server.routing.Connection;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.time.Instant;

/** {@code /varz}: who the server is, its configuration (secrets redacted), CPU, memory and totals since start. */
final class VarzEndpoint implements Endpoint {

    private final Monitored server;
    private final String version;

    VarzEndpoint(Monitored server) {
        this.server = server;
        String implementation = VarzEndpoint.class.getPackage().getImplementationVersion();
        this.version = implementation == null ? "development" : implementation;
    }

    @Override
    public MonitorResponse handle(MonitorRequest request) {
        Instant now = Instant.now();
        ObjectNode body = Json.object()
                .put("server_id", server.serverId())
                .put("name", server.config().name())
                .put("version", version)
                .put("start", server.started().toString())
                .put("now", now.toString())
                .put("uptime_seconds", Duration.between(server.started(), now).toMillis() / 1000.0);
        body.set("config", ConfigReport.of(server.config()));
        body.set("cpu", cpu());
        body.set("memory", memory());
        AliasFigures all = server.metrics().get().allCalls();
        body.set("totals", totals(all));
        body.set("latency_seconds", SessionzEndpoint.latency(all));
        return MonitorResponse.ok(body);
    }

    private static ObjectNode cpu() {
        double load = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            load = os.getProcessCpuLoad();
        }
        return Json.object()
                .put("cores", Runtime.getRuntime().availableProcessors())
                // The JVM answers a negative number until it has a first sample.
                .put("process_load", Math.max(0, load));
    }

    private static ObjectNode memory() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long direct = PlatformDependent.usedDirectMemory();
        if (direct < 0) {
            // Netty's buffers go through the JDK's accounting: read its direct pool.
            direct = 0;
            for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                if (pool.getName().equals("direct")) {
                    direct = pool.getMemoryUsed();
                }
            }
        }
        return Json.object()
                .put("heap_used_bytes", heap.getUsed())
                .put("heap_max_bytes", heap.getMax())
                .put("direct_used_bytes", direct)
                .put("direct_max_bytes", PlatformDependent.maxDirectMemory());
    }

    private ObjectNode totals(AliasFigures all) {
        ServerStats stats = server.stats().get();
        long bytesIn = server.counters().closedBytesIn();
        long bytesOut = server.counters().closedBytesOut();
        for (Connection connection : server.connections()) {
            bytesIn += connection.traffic().bytesIn();
            bytesOut += connection.traffic().bytesOut();
        }
        long pending = 0;
        for (Connection connection : server.connections()) {
            pending += connection.pendingWriteBytes();
        }
        long lines = 0;
        for (FrontDoor door : server.frontDoors().all()) {
            lines += door.stats().openLines();
        }
        ObjectNode totals = Json.object()
                .put("connections", stats.connections())
                .put("sessions", stats.sessions())
                .put("calls_in_flight", stats.outstandingDeliveries())
                .put("delivered", stats.delivered())
                .put("late_results", stats.lateResults())
                .put("busy", stats.busy())
                .put("timeouts", stats.timeouts())
                .put("auth_failures", stats.authFailures())
                .put("slow_consumers", stats.slowConsumers())
                .put("pending_bytes", pending)
                .put("max_pending_bytes", PendingBytes.effectiveLimit(server.config()))
                .put("connections_refused", stats.connectionsRefused())
                .put("overloaded", stats.overloaded())
                .put("held_calls", server.heldCalls().getAsInt())
                .put("frontdoor_lines", lines)
                .put("bytes_in", bytesIn)
                .put("bytes_out", bytesOut)
                .put("calls", all.calls());
        totals.set("calls_by_code", Json.counts(all.callsByCode()));
        return totals;
    }
}
