package io.switchboard.server.cluster;

import io.switchboard.server.routing.AliasLoad;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of the cluster as this node sees it, for the monitoring port's {@code /clusterz}.
 *
 * @param self     this node's address (JGroups' logical name)
 * @param epoch    this node's membership epoch, taken from the store when it joined
 * @param viewId   the current view's id
 * @param members  the current view's members, coordinator first
 * @param aliases  each member's announced aliases (this node's included), by member
 */
public record ClusterReport(
        String cluster,
        String self,
        long epoch,
        long viewId,
        List<String> members,
        Map<String, Map<String, AliasLoad>> aliases) {}
