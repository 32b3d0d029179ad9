package io.switchboard.server;

import io.switchboard.server.auth.Authenticator;
import io.switchboard.server.cluster.ClusterNode;
import io.switchboard.server.cluster.ForwardingReport;
import io.switchboard.server.frontdoor.FrontDoor;
import io.switchboard.server.frontdoor.FrontDoors;
import io.switchboard.server.held.HeldCalls;
import io.switchboard.server.metrics.MetricsView;
import io.switchboard.server.metrics.ServerMetrics;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.routing.SessionDirectory;
import io.switchboard.server.store.Store;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Turns metrics on at start (step 6 of the wiring, docs/architecture.md): the router and the store get their
 * recorders, and the counters and sizes the server already keeps become gauges and counters read at each scrape, so
 * nothing is counted twice. With {@code metrics: false} nothing is installed and {@link MetricsView#OFF} is served.
 */
final class ServerMeters {

    private ServerMeters() {}

    /** The parts of the server whose figures are exposed. */
    record Parts(
            CallRouter router,
            Store store,
            SessionDirectory directory,
            ServerCounters counters,
            HeldCalls held,
            FrontDoors frontDoors,
            Authenticator auth,
            IntSupplier connections,
            Supplier<Optional<ClusterNode>> cluster) {}

    static MetricsView install(ServerConfig config, Parts parts) {
        if (!config.metrics()) {
            return MetricsView.OFF;
        }
        ServerMetrics metrics = new ServerMetrics(config.metricsMaxAliases());
        parts.router().measure(metrics.callMeter());
        parts.store().observe(metrics.storeObserver(parts.store()::queueDepth));
        ServerCounters counters = parts.counters();
        metrics.gauge(
                "connections",
                "Client connections past their handshake",
                () -> parts.connections().getAsInt());
        metrics.gauge("sessions", "Aliases published", () -> parts.directory().sessionCount());
        metrics.gauge("calls_in_flight", "Calls forwarded to publishers and not answered yet", counters::outstanding);
        metrics.gauge(
                "held_calls",
                "Calls held for a publisher of a hold session",
                () -> parts.held().waitingCount());
        metrics.counter("slow_consumers", "Connections closed as slow consumers", counters::slowConsumers);
        metrics.counter(
                "auth_failures",
                "Handshakes refused for bad credentials",
                () -> parts.auth().failures());
        metrics.counter("connections_refused", "Connections refused by a connection cap", counters::connectionsRefused);
        metrics.counter(
                "connections_overloaded",
                "Connections closed to bound the memory of incomplete frames",
                counters::overloadedClosed);
        metrics.counter(
                "late_results",
                "RESULTs that came after their call was settled (deadline, loss)",
                counters::lateResults);
        metrics.counter("deliveries", "Calls forwarded to publishers (DELIVERs sent)", counters::delivered);
        for (FrontDoor door : parts.frontDoors().all()) {
            frontDoor(metrics, door);
        }
        if (config.cluster().enabled()) {
            cluster(metrics, parts.cluster());
        }
        return metrics;
    }

    /** Calls across cluster nodes (docs/cluster.md); the node joins after the metrics are installed. */
    private static void cluster(ServerMetrics metrics, Supplier<Optional<ClusterNode>> cluster) {
        Supplier<ForwardingReport> report =
                () -> cluster.get().map(ClusterNode::forwarding).orElse(ForwardingReport.NONE);
        metrics.counter(
                "cluster.forwarded.out",
                "Calls forwarded to publishers on other cluster nodes",
                () -> report.get().forwardedOut());
        metrics.counter(
                "cluster.forwarded.in",
                "Calls other cluster nodes forwarded to this node's publishers",
                () -> report.get().forwardedIn());
        metrics.counter(
                "cluster.lost.node.failures",
                "Forwarded calls answered publisher-lost because their node left the cluster",
                () -> report.get().lostNodeFailures());
        metrics.gauge(
                "cluster.forwarded.in.flight",
                "Calls forwarded to other cluster nodes and not answered yet",
                () -> report.get().inFlight());
    }

    /** A front door's figures ({@link FrontDoor#stats()}), labelled with its name. */
    private static void frontDoor(ServerMetrics metrics, FrontDoor door) {
        String name = door.config().name();
        metrics.gauge(
                "frontdoor.lines",
                "Open end-user lines of a front door",
                () -> door.stats().openLines(),
                "door",
                name);
        metrics.gauge(
                "frontdoor.buffered.bytes",
                "Bytes of events a front door holds for its lines",
                () -> door.stats().bufferedBytes(),
                "door",
                name);
        metrics.gauge(
                "frontdoor.handlers",
                "Handler instances of a front door's alias",
                () -> door.stats().instances(),
                "door",
                name);
        metrics.counter(
                "frontdoor.events.delivered",
                "Events sent to handler instances (redeliveries included)",
                () -> door.stats().delivered(),
                "door",
                name);
        metrics.counter(
                "frontdoor.events.redelivered",
                "Events sent again after their instance went away without answering",
                () -> door.stats().redelivered(),
                "door",
                name);
        metrics.counter(
                "frontdoor.outages",
                "Times a front door's last handler instance went away",
                () -> door.stats().outages(),
                "door",
                name);
        metrics.counter(
                "frontdoor.welcome.backs",
                "Welcome-backs sent to handler instances taking over lines",
                () -> door.stats().welcomeBacks(),
                "door",
                name);
        metrics.counter(
                "frontdoor.events.failed",
                "Events a handler answered with a failure",
                () -> door.stats().failed(),
                "door",
                name);
        metrics.counter(
                "frontdoor.inputs.dropped",
                "Inputs dropped by the overflow policy or for their age",
                () -> door.stats().dropped(),
                "door",
                name);
        String closed = "Lines closed or refused by the door, by reason";
        metrics.counter(
                "frontdoor.lines.closed",
                closed,
                () -> door.stats().closedMessageTooLong(),
                "door",
                name,
                "reason",
                "message-too-long");
        metrics.counter(
                "frontdoor.lines.closed",
                closed,
                () -> door.stats().closedRateExceeded(),
                "door",
                name,
                "reason",
                "rate-exceeded");
        metrics.counter(
                "frontdoor.lines.closed",
                closed,
                () -> door.stats().closedTooManyLines(),
                "door",
                name,
                "reason",
                "too-many-lines");
        metrics.counter(
                "frontdoor.lines.closed",
                closed,
                () -> door.stats().closedBufferFull(),
                "door",
                name,
                "reason",
                "buffer-full");
        metrics.counter(
                "frontdoor.lines.closed",
                closed,
                () -> door.stats().refusedAddressLimit(),
                "door",
                name,
                "reason",
                "address-limit");
        metrics.counter(
                "frontdoor.lines.closed", closed, () -> door.stats().closedSilent(), "door", name, "reason", "silent");
        metrics.counter(
                "frontdoor.lines.closed",
                closed,
                () -> door.stats().closedProtocolError(),
                "door",
                name,
                "reason",
                "protocol-error");
    }
}
