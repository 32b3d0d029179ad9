package io.switchboard.server.cluster;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.gather.GatherElsewhere;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.ServerCounters;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.jgroups.Address;

/**
 * The scatter-gather calls this node sent to other nodes (one gather per node publishing the alias) and whose end has
 * not come back. This node keeps the deadline: whoever settles a node's gather first (its end, the deadline, the
 * node's loss) ends its share, counting the publishers that had not answered; replies and ends after that are late,
 * dropped and counted. A node's publisher count is what its directory entry announced until its end says otherwise.
 */
final class ForwardedGathers implements GatherElsewhere {

    /** One node's gather; its lock orders replies against the settling. */
    private static final class Outgoing {
        final long id;
        final Address node;
        final NodeShare share;
        final AtomicInteger nodeCount;
        final int expected;
        int received;
        boolean settled;
        volatile Timeout timer;

        Outgoing(long id, Address node, NodeShare share, AtomicInteger nodeCount, int expected) {
            this.id = id;
            this.node = node;
            this.share = share;
            this.nodeCount = nodeCount;
            this.expected = expected;
        }
    }

    private final ClusterDirectory remote;
    private final HashedWheelTimer timer;
    private final ServerCounters counters;
    private final int maxPerNode;
    private final int maxMessageBytes;
    private final BiPredicate<Address, byte[]> send;

    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Outgoing> gathers = new ConcurrentHashMap<>();
    /** Gathers in flight per node: capped like forwarded calls. */
    private final Map<Address, AtomicInteger> perNode = new ConcurrentHashMap<>();

    private volatile Set<Address> members = Set.of();

    ForwardedGathers(
            ClusterDirectory remote,
            HashedWheelTimer timer,
            ServerCounters counters,
            int maxPerNode,
            int maxMessageBytes,
            BiPredicate<Address, byte[]> send) {
        this.remote = remote;
        this.timer = timer;
        this.counters = counters;
        this.maxPerNode = maxPerNode;
        this.maxMessageBytes = maxMessageBytes;
        this.send = send;
    }

    @Override
    public void scatter(Call call, Supplier<NodeShare> shares) {
        Map<Address, AliasLoad> there = remote.publishers(call.alias());
        if (there.isEmpty()) {
            return;
        }
        long timeLeftMs = Math.max(1, call.remainingMs(System.nanoTime()));
        for (Map.Entry<Address, AliasLoad> node : there.entrySet()) {
            int expected = (int)
                    Math.max(1, Math.min(Integer.MAX_VALUE, node.getValue().publishers()));
            NodeShare share = shares.get();
            AtomicInteger count = perNode.computeIfAbsent(node.getKey(), n -> new AtomicInteger());
            if (count.incrementAndGet() > maxPerNode) {
                count.decrementAndGet();
                counters.busyRefusal();
                share.ended(expected, ResultCode.BUSY);
                continue;
            }
            long id = nextId.incrementAndGet();
            byte[] message = new LinkMessage.Call(
                            id,
                            timeLeftMs,
                            call.caller().codec().wireName(),
                            call.caller().isTextMode(),
                            call.alias(),
                            call.method(),
                            call.meta(),
                            call.payload())
                    .encodeGather();
            if (message.length > maxMessageBytes) {
                count.decrementAndGet();
                share.ended(expected, ResultCode.BAD_REQUEST);
                continue;
            }
            Outgoing outgoing = new Outgoing(id, node.getKey(), share, count, expected);
            gathers.put(id, outgoing);
            outgoing.timer =
                    timer.newTimeout(t -> settle(outgoing, -1, ResultCode.TIMEOUT), timeLeftMs, TimeUnit.MILLISECONDS);
            if (!members.contains(outgoing.node) || !send.test(outgoing.node, message)) {
                settle(outgoing, -1, ResultCode.PUBLISHER_LOST);
            }
        }
    }

    /** A publisher's answer from {@code from}; late (dropped) once its gather was settled. */
    void replyArrived(Address from, LinkMessage.GatherReply reply) {
        Outgoing outgoing = gathers.get(reply.callId());
        if (outgoing == null || !outgoing.node.equals(from)) {
            counters.lateResult();
            return;
        }
        synchronized (outgoing) {
            if (outgoing.settled) {
                counters.lateResult();
                return;
            }
            outgoing.received++;
            outgoing.share.reply(
                    reply.publisherId(), new Result(reply.callId(), reply.code(), reply.message(), reply.payload()));
        }
    }

    /** A node's end: publishers it counted that sent no reply (dropped on the way) count failed. */
    void endArrived(Address from, LinkMessage.GatherEnd end) {
        Outgoing outgoing = gathers.get(end.callId());
        if (outgoing == null || !outgoing.node.equals(from) || !settle(outgoing, end.publishers(), null)) {
            counters.lateResult();
        }
    }

    /** A new view: the gathers of nodes no longer in it end now, their unanswered publishers failed. */
    void viewChanged(Collection<Address> current) {
        members = Set.copyOf(current);
        for (Outgoing outgoing : List.copyOf(gathers.values())) {
            if (!members.contains(outgoing.node)) {
                settle(outgoing, -1, ResultCode.PUBLISHER_LOST);
            }
        }
        perNode.keySet().removeIf(node -> !members.contains(node));
    }

    /** The link with {@code node} closed: its gathers end now, their unanswered publishers failed. */
    void linkLost(Address node) {
        for (Outgoing outgoing : List.copyOf(gathers.values())) {
            if (outgoing.node.equals(node)) {
                settle(outgoing, -1, ResultCode.PUBLISHER_LOST);
            }
        }
    }

    /** Ends every gather still open: the end of a graceful shutdown's grace period. */
    void failAll() {
        for (Outgoing outgoing : List.copyOf(gathers.values())) {
            settle(outgoing, -1, ResultCode.SHUTTING_DOWN);
        }
    }

    int inFlight() {
        return gathers.size();
    }

    /**
     * The exactly-once gate.
     *
     * @param publishers the node's own count (its end), or -1 to take the announced count
     * @param as how the unanswered publishers count; null for the node's end (failed: their replies were lost)
     */
    private boolean settle(Outgoing outgoing, int publishers, ResultCode as) {
        synchronized (outgoing) {
            if (outgoing.settled) {
                return false;
            }
            outgoing.settled = true;
            gathers.remove(outgoing.id, outgoing);
            outgoing.nodeCount.decrementAndGet();
            Timeout t = outgoing.timer;
            if (t != null) {
                t.cancel();
            }
            int total = publishers < 0 ? outgoing.expected : publishers;
            outgoing.share.ended(Math.max(0, total - outgoing.received), as == null ? ResultCode.PUBLISHER_LOST : as);
            return true;
        }
    }
}
