package io.switchboard.server.cluster;

import java.util.Map;

/**
 * Calls across nodes as this node saw them since start, for {@code /clusterz} and the metrics.
 *
 * @param forwardedOut     calls this node forwarded to publishers on other nodes
 * @param forwardedIn      calls other nodes forwarded to this node's publishers
 * @param lostNodeFailures forwarded calls answered {@code publisher-lost} because their node left or could not be
 *                         reached
 * @param inFlight         forwarded calls not answered yet
 * @param inFlightByNode   of those, how many per node (nodes with none left out)
 */
public record ForwardingReport(
        long forwardedOut, long forwardedIn, long lostNodeFailures, int inFlight, Map<String, Integer> inFlightByNode) {

    public static final ForwardingReport NONE = new ForwardingReport(0, 0, 0, 0, Map.of());
}
