package io.switchboard.server.cluster;

import io.netty.util.HashedWheelTimer;
import io.switchboard.protocol.ResultCode;
import io.switchboard.server.gather.ScatterGather;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Permits;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.routing.SessionDirectory;
import io.switchboard.server.routing.SessionKeeper;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jgroups.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls across nodes (docs/cluster.md, "Routing across nodes"): this node's end of the call link. It installs a
 * {@link ClusterKeeper} on the routing seam, so that calls whose publishers are elsewhere go to another node
 * ({@link ForwardedCalls}), and routes the calls other nodes forward here to local publishers ({@link ForwardedIn}).
 * Its messages ({@link LinkMessage}) travel on the link between the nodes ({@link ClusterNode#sendTo}).
 */
public final class ClusterRouting {

    private static final Logger log = LoggerFactory.getLogger(ClusterRouting.class);

    private final ClusterNode node;
    private final ForwardedCalls out;
    private final ForwardedIn in;
    private final ForwardedGathers gathers;
    private final GatherIn gathersIn;
    private final int maxMessageBytes;
    private volatile Set<Address> members = Set.of();
    private ClusterKeeper keeper;
    private long badMessageWarnedAt;

    private ClusterRouting(
            ClusterNode node,
            SessionDirectory directory,
            Permits permits,
            HashedWheelTimer timer,
            ServerCounters counters,
            BooleanSupplier shuttingDown,
            int maxFrameSize,
            int maxPerNode) {
        this.node = node;
        this.maxMessageBytes = maxMessageBytes(maxFrameSize);
        this.out = new ForwardedCalls(timer, counters, maxPerNode, maxMessageBytes, node::sendTo, node::reachable);
        this.in = new ForwardedIn(
                directory,
                permits,
                shuttingDown,
                String.valueOf(node.address()),
                maxMessageBytes,
                node::sendTo,
                member -> members.contains(member));
        this.gathers =
                new ForwardedGathers(node.directory(), timer, counters, maxPerNode, maxMessageBytes, node::sendTo);
        this.gathersIn = new GatherIn(
                directory, shuttingDown, maxMessageBytes, node::sendTo, member -> members.contains(member));
    }

    /**
     * Scatter-gather calls across nodes from now on: {@code gatherer}'s calls reach the other nodes' publishers, and
     * it runs the gathers other nodes send here. Call once, before serving.
     */
    public void gatherWith(ScatterGather gatherer) {
        gathersIn.gatherWith(gatherer);
        gatherer.elsewhere(gathers);
    }

    /**
     * Routes calls across nodes from now on: {@code keeper} (the server's own, asked first) is wrapped in the
     * cluster's and installed in {@code directory}. Call once, after joining and before serving.
     *
     * @param maxFrameSize the server's max-frame-size: the largest payload a forwarded call carries
     */
    public static ClusterRouting install(
            ClusterNode node,
            SessionDirectory directory,
            SessionKeeper keeper,
            Permits permits,
            HashedWheelTimer timer,
            ServerCounters counters,
            BooleanSupplier shuttingDown,
            int maxFrameSize) {
        ClusterRouting routing = new ClusterRouting(
                node,
                directory,
                permits,
                timer,
                counters,
                shuttingDown,
                maxFrameSize,
                node.settings().maxForwarded());
        ClusterKeeper clusterKeeper = new ClusterKeeper(keeper, directory, node.directory(), routing.out, permits);
        routing.out.rerouteWith(
                (call, policy, lost) -> !shuttingDown.getAsBoolean() && clusterKeeper.rerouteLost(call, policy, lost));
        routing.keeper = clusterKeeper;
        directory.keeper(clusterKeeper);
        node.link(routing);
        return routing;
    }

    /** Publishers on other nodes, for held calls whose publisher returned elsewhere. */
    public io.switchboard.server.held.Elsewhere elsewhere() {
        return keeper;
    }

    /** The largest message between nodes for a server's max-frame-size: the frame plus room for the envelope. */
    public static int maxMessageBytes(int maxFrameSize) {
        return maxFrameSize + LinkMessage.OVERHEAD;
    }

    /** A link message from {@code from} (the first byte was {@link LinkMessage#FORMAT}). */
    void received(Address from, byte[] array, int offset, int length) {
        byte kind;
        try {
            kind = LinkMessage.kind(array, offset, length);
            if (kind == LinkMessage.CALL) {
                in.arrived(from, LinkMessage.decodeCall(array, offset, length, maxMessageBytes));
            } else if (kind == LinkMessage.RESULT) {
                out.resultArrived(from, LinkMessage.decodeResult(array, offset, length, maxMessageBytes));
            } else if (kind == LinkMessage.GATHER) {
                gathersIn.arrived(from, LinkMessage.decodeGather(array, offset, length, maxMessageBytes));
            } else if (kind == LinkMessage.GATHER_REPLY) {
                gathers.replyArrived(from, LinkMessage.decodeGatherReply(array, offset, length, maxMessageBytes));
            } else if (kind == LinkMessage.GATHER_END) {
                gathers.endArrived(from, LinkMessage.decodeGatherEnd(array, offset, length, maxMessageBytes));
            } else {
                throw new IllegalArgumentException("unknown link message kind " + kind);
            }
        } catch (IllegalArgumentException e) {
            refuse(from, array, offset, length, e);
        }
    }

    /** A malformed call still gets its RESULT when its id can be read, so that its caller is not left waiting. */
    private void refuse(Address from, byte[] array, int offset, int length, IllegalArgumentException e) {
        warnBadMessage(from, e);
        if (length >= 10 && LinkMessage.kind(array, offset, length) == LinkMessage.CALL) {
            long id = LinkMessage.callId(array, offset, length);
            node.sendTo(
                    from,
                    new LinkMessage.Result(
                                    id,
                                    ResultCode.BAD_REQUEST,
                                    "node " + node.address() + " refused the forwarded call: " + e.getMessage(),
                                    new byte[0])
                            .encode());
        }
    }

    /** The link with a member closed: the calls forwarded to it are answered {@code publisher-lost} now. */
    void linkLost(Address node, String why) {
        out.linkLost(node, why);
        gathers.linkLost(node);
    }

    /** The view changed: calls forwarded to members that left are answered now. */
    void viewChanged(List<Address> current) {
        members = Set.copyOf(current);
        out.viewChanged(current);
        gathers.viewChanged(current);
    }

    /**
     * Answers the forwarded calls still open {@code shutting-down}: the end of the graceful shutdown's grace period,
     * which waited for them like for local deliveries.
     */
    public void failOpenCalls() {
        out.failAll(ResultCode.SHUTTING_DOWN, "the server shut down before the call finished");
        gathers.failAll();
    }

    /** What crossed nodes so far, for /clusterz and the metrics. */
    public ForwardingReport report() {
        return new ForwardingReport(
                out.forwardedOut.sum(),
                in.forwardedIn.sum(),
                out.lostNodeFailures.sum(),
                out.inFlight(),
                out.inFlightByNode());
    }

    private synchronized void warnBadMessage(Address from, RuntimeException e) {
        long now = System.nanoTime();
        if (badMessageWarnedAt != 0 && now - badMessageWarnedAt < 60_000_000_000L) {
            return;
        }
        badMessageWarnedAt = now;
        log.warn(
                "{} cluster: refused a malformed call link message from {}: {}",
                LogId.CLUSTER_BAD_LINK_MESSAGE,
                from,
                e.getMessage());
    }
}
