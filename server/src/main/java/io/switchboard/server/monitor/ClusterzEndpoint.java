package io.switchboard.server.monitor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.server.cluster.ClusterNode;
import io.switchboard.server.cluster.ClusterReport;
import io.switchboard.server.cluster.ForwardingReport;
import io.switchboard.server.routing.AliasLoad;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /clusterz}: this node's cluster (docs/cluster.md): the members, this node's epoch, and the aliases each
 * member announced with their publishers and calls in flight. {@code {"enabled": false}} without cluster-name.
 */
final class ClusterzEndpoint implements Endpoint {

    private final Monitored server;

    ClusterzEndpoint(Monitored server) {
        this.server = server;
    }

    @Override
    public MonitorResponse handle(MonitorRequest request) {
        Optional<ClusterNode> node = server.cluster().get();
        if (node.isEmpty()) {
            return MonitorResponse.ok(Json.object().put("enabled", false));
        }
        ClusterReport report = node.get().report();
        ObjectNode body = Json.object()
                .put("enabled", true)
                .put("cluster", report.cluster())
                .put("self", report.self())
                .put("epoch", report.epoch())
                .put("view_id", report.viewId());
        ArrayNode members = body.putArray("members");
        report.members().forEach(members::add);
        ArrayNode nodes = body.putArray("nodes");
        for (Map.Entry<String, Map<String, AliasLoad>> member : report.aliases().entrySet()) {
            ObjectNode entry = nodes.addObject()
                    .put("node", member.getKey())
                    .put("self", member.getKey().equals(report.self()))
                    .put("alias_count", member.getValue().size());
            ArrayNode aliases = entry.putArray("aliases");
            member.getValue()
                    .forEach((alias, load) -> aliases.addObject()
                            .put("alias", alias)
                            .put("publishers", load.publishers())
                            .put("in_flight", load.inFlight()));
        }
        ForwardingReport forwarding = node.get().forwarding();
        ObjectNode calls = body.putObject("forwarding")
                .put("forwarded_out", forwarding.forwardedOut())
                .put("forwarded_in", forwarding.forwardedIn())
                .put("lost_node_failures", forwarding.lostNodeFailures())
                .put("in_flight", forwarding.inFlight());
        ObjectNode byNode = calls.putObject("in_flight_by_node");
        forwarding.inFlightByNode().forEach(byNode::put);
        return MonitorResponse.ok(body);
    }
}
