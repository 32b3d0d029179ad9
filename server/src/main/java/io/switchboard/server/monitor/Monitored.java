package io.switchboard.server.monitor;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.ServerStats;
import io.switchboard.server.cluster.ClusterNode;
import io.switchboard.server.frontdoor.FrontDoors;
import io.switchboard.server.metrics.MetricsView;
import io.switchboard.server.registry.Registry;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.routing.SessionDirectory;
import io.switchboard.server.store.Store;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The parts of a running server the endpoints read; handed to the monitoring port once the server has started.
 *
 * @param serverId    this run's id (random per start)
 * @param started     when the server started
 * @param connections the client port's open connections
 * @param cluster     this node's cluster membership (empty without cluster-name)
 */
public record Monitored(
        ServerConfig config,
        String serverId,
        Instant started,
        Supplier<ServerStats> stats,
        ServerCounters counters,
        Set<Connection> connections,
        SessionDirectory sessions,
        FrontDoors frontDoors,
        Store store,
        Registry registry,
        IntSupplier heldCalls,
        Supplier<MetricsView> metrics,
        Supplier<Optional<ClusterNode>> cluster,
        AdminActions admin) {}
