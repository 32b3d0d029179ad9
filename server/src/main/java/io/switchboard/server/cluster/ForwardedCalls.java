package io.switchboard.server.cluster;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.Caller;
import io.switchboard.server.routing.ServerCounters;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.jgroups.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls this node forwarded to publishers on other nodes and has not answered yet. This node keeps each call's
 * deadline and answers it exactly once: whoever takes the call out of {@link #calls} (its result, its deadline, the
 * loss of its node) answers it; a result that finds nothing there is late, dropped and counted.
 */
final class ForwardedCalls {

    private static final Logger log = LoggerFactory.getLogger(ForwardedCalls.class);
    /** The default cap on calls in flight to one other node; past it calls are answered {@code busy}. */
    static final int DEFAULT_MAX_PER_NODE = ClusterSettings.DEFAULT_MAX_FORWARDED;

    /** One forwarded call; its id is unique at this node. */
    private static final class Outgoing {
        final long id;
        final Call call;
        final Address node;
        final AtomicInteger nodeCount;
        volatile Timeout timer;

        Outgoing(long id, Call call, Address node, AtomicInteger nodeCount) {
            this.id = id;
            this.call = call;
            this.node = node;
            this.nodeCount = nodeCount;
        }
    }

    private final HashedWheelTimer timer;
    private final ServerCounters counters;
    private final int maxPerNode;
    private final int maxMessageBytes;
    /** Sends a link message to a member; false when it could not be sent. */
    private final BiPredicate<Address, byte[]> send;
    /** Whether a node's link is tried now (ClusterNode#reachable). */
    private final Predicate<Address> reachable;

    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Outgoing> calls = new ConcurrentHashMap<>();
    /** Calls in flight per node, for the cap; a node's counter goes when the node leaves. */
    private final Map<Address, AtomicInteger> perNode = new ConcurrentHashMap<>();
    /** Calls in flight per node and alias, for choosing the least loaded node between the directory's samples. */
    private final Map<NodeAlias, AtomicInteger> perAlias = new ConcurrentHashMap<>();
    /** The current view's members: a call is never left waiting for a node outside it. */
    private volatile Set<Address> members = Set.of();

    final LongAdder forwardedOut = new LongAdder();
    final LongAdder lostNodeFailures = new LongAdder();

    private record NodeAlias(Address node, String alias) {}

    ForwardedCalls(
            HashedWheelTimer timer,
            ServerCounters counters,
            int maxPerNode,
            int maxMessageBytes,
            BiPredicate<Address, byte[]> send,
            Predicate<Address> reachable) {
        this.timer = timer;
        this.counters = counters;
        this.maxPerNode = maxPerNode;
        this.maxMessageBytes = maxMessageBytes;
        this.send = send;
        this.reachable = reachable;
    }

    /**
     * Forwards {@code call} to {@code node}, which routes it to a publisher of its own.
     *
     * @return null when forwarded (the call then gets exactly one RESULT), else the RESULT refusing it
     */
    Result forward(Call call, Address node) {
        AtomicInteger count = perNode.computeIfAbsent(node, n -> new AtomicInteger());
        if (count.incrementAndGet() > maxPerNode) {
            count.decrementAndGet();
            counters.busyRefusal();
            return Result.failure(
                    call.callerId(),
                    ResultCode.BUSY,
                    "the calls in flight to node " + node + " are at their cap (" + maxPerNode + ")");
        }
        long now = System.nanoTime();
        long timeLeftMs = call.remainingMs(now);
        Caller caller = call.caller();
        long id = nextId.incrementAndGet();
        byte[] message = new LinkMessage.Call(
                        id,
                        timeLeftMs,
                        caller.codec().wireName(),
                        caller.isTextMode(),
                        call.alias(),
                        call.method(),
                        call.meta(),
                        call.payload())
                .encode();
        if (message.length > maxMessageBytes) {
            count.decrementAndGet();
            return Result.failure(
                    call.callerId(),
                    ResultCode.BAD_REQUEST,
                    "the call is too large to forward to another node (" + message.length + " bytes, at most "
                            + maxMessageBytes + ")");
        }
        Outgoing outgoing = new Outgoing(id, call, node, count);
        calls.put(id, outgoing);
        counters.remoteCallStarted();
        perAlias.computeIfAbsent(new NodeAlias(node, call.alias()), k -> new AtomicInteger())
                .incrementAndGet();
        forwardedOut.increment();
        outgoing.timer =
                timer.newTimeout(t -> deadlinePassed(outgoing), Math.max(1, timeLeftMs), TimeUnit.MILLISECONDS);
        if (!members.contains(node)) {
            // The node left while we chose it; the view change's sweep may have run before our put.
            lost(outgoing, "left the cluster");
        } else if (!send.test(node, message)) {
            lost(outgoing, "cannot be reached");
        }
        return null;
    }

    /** A result from {@code from}: passed to the caller, unless the call was settled already (then it is late). */
    void resultArrived(Address from, LinkMessage.Result result) {
        Outgoing outgoing = calls.get(result.callId());
        if (outgoing == null || !outgoing.node.equals(from) || !settle(outgoing)) {
            counters.lateResult();
            return;
        }
        Caller caller = outgoing.call.caller();
        if (!caller.isClosed()) {
            caller.answer(new Result(outgoing.call.callerId(), result.code(), result.message(), result.payload()));
        }
    }

    /** A new view: every call forwarded to a node no longer in it is answered {@code publisher-lost} now. */
    void viewChanged(Collection<Address> current) {
        Set<Address> now = Set.copyOf(current);
        members = now; // first, so that a call forwarded from now on sees it
        Map<Address, Integer> failed = new HashMap<>();
        for (Outgoing outgoing : List.copyOf(calls.values())) {
            if (!now.contains(outgoing.node) && lost(outgoing, "left the cluster")) {
                failed.merge(outgoing.node, 1, Integer::sum);
            }
        }
        perNode.keySet().removeIf(node -> !now.contains(node));
        perAlias.keySet().removeIf(key -> !now.contains(key.node()));
        failed.forEach((node, n) -> log.warn(
                "{} cluster: member {} left with {} forwarded call(s) unanswered: answered publisher-lost",
                LogId.CLUSTER_NODE_LOST_CALLS,
                node,
                n));
    }

    /** The link with {@code node} closed: every call forwarded to it and not answered gets {@code publisher-lost}. */
    void linkLost(Address node, String why) {
        int failed = 0;
        for (Outgoing outgoing : List.copyOf(calls.values())) {
            if (outgoing.node.equals(node) && lost(outgoing, "lost its link to this node: " + why)) {
                failed++;
            }
        }
        if (failed > 0) {
            log.warn(
                    "{} cluster: the link with member {} closed ({}) with {} forwarded call(s) unanswered: answered "
                            + "publisher-lost",
                    LogId.LINK_LOST,
                    node,
                    why,
                    failed);
        }
    }

    /** Answers every call still open with {@code code}: the end of a graceful shutdown's grace period. */
    void failAll(ResultCode code, String message) {
        for (Outgoing outgoing : List.copyOf(calls.values())) {
            if (settle(outgoing)) {
                answer(outgoing, code, message);
            }
        }
    }

    /** Calls this node has in flight to {@code node} for {@code alias}. */
    int inFlight(Address node, String alias) {
        AtomicInteger n = perAlias.get(new NodeAlias(node, alias));
        return n == null ? 0 : n.get();
    }

    /** Whether {@code node} takes another call from this node now: below the cap, and its link not refused. */
    boolean hasRoom(Address node) {
        AtomicInteger n = perNode.get(node);
        return (n == null || n.get() < maxPerNode) && reachable.test(node);
    }

    /** Calls in flight to each node. */
    Map<String, Integer> inFlightByNode() {
        Map<String, Integer> copy = new TreeMap<>();
        perNode.forEach((node, n) -> {
            if (n.get() > 0) {
                copy.put(String.valueOf(node), n.get());
            }
        });
        return copy;
    }

    int inFlight() {
        return calls.size();
    }

    private boolean lost(Outgoing outgoing, String what) {
        if (!settle(outgoing)) {
            return false;
        }
        lostNodeFailures.increment();
        answer(
                outgoing,
                ResultCode.PUBLISHER_LOST,
                "the node publishing '" + outgoing.call.alias() + "' (" + outgoing.node + ") " + what);
        return true;
    }

    private void deadlinePassed(Outgoing outgoing) {
        if (settle(outgoing)) {
            counters.timedOut();
            answer(outgoing, ResultCode.TIMEOUT, "no result within the deadline");
        }
    }

    /** The exactly-once gate: true for the one party that takes the call out of the map. */
    private boolean settle(Outgoing outgoing) {
        if (!calls.remove(outgoing.id, outgoing)) {
            return false;
        }
        outgoing.nodeCount.decrementAndGet();
        counters.remoteCallSettled();
        AtomicInteger n = perAlias.get(new NodeAlias(outgoing.node, outgoing.call.alias()));
        if (n != null) {
            n.decrementAndGet();
        }
        Timeout t = outgoing.timer;
        if (t != null) {
            t.cancel();
        }
        return true;
    }

    private static void answer(Outgoing outgoing, ResultCode code, String message) {
        Caller caller = outgoing.call.caller();
        if (!caller.isClosed()) {
            caller.answer(Result.failure(outgoing.call.callerId(), code, message));
        }
    }
}
