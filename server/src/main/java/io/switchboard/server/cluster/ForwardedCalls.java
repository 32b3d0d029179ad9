package io.switchboard.server.cluster;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.SessionPolicy;
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
        /** The session's policy when the call may be sent again if its node is lost; null when it may not. */
        final SessionPolicy reroute;

        volatile Timeout timer;

        Outgoing(long id, Call call, Address node, AtomicInteger nodeCount, SessionPolicy reroute) {
            this.id = id;
            this.call = call;
            this.node = node;
            this.nodeCount = nodeCount;
            this.reroute = reroute;
        }
    }

    /** Sends a call whose node was lost to another publisher (local, held, or on another node), once. */
    interface Rerouter {
        /** @return true when it took the call (it is then answered from there), false for {@code publisher-lost} */
        boolean reroute(Call call, SessionPolicy policy, Address lost);
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

    private volatile Rerouter rerouter = (call, policy, lost) -> false;

    final LongAdder forwardedOut = new LongAdder();
    final LongAdder lostNodeFailures = new LongAdder();
    /** Calls of a lost node sent again to another publisher (in the CLUSTER_NODE_LOST_CALLS line; not in /clusterz yet). */
    final LongAdder rerouted = new LongAdder();

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

    /** Where calls of a lost node go when they may be sent again. Call once, before calls are forwarded. */
    void rerouteWith(Rerouter rerouter) {
        this.rerouter = rerouter;
    }

    /** Forwards a call that is not sent again if {@code node} is lost. */
    Result forward(Call call, Address node) {
        return forward(call, node, null);
    }

    /**
     * Forwards {@code call} to {@code node}, which routes it to a publisher of its own.
     *
     * @param reroute the session's policy if the call may be sent again once should {@code node} be lost (an
     *     idempotent method of a reroute or hold session), else null
     * @return null when forwarded (the call then gets exactly one RESULT), else the RESULT refusing it
     */
    Result forward(Call call, Address node, SessionPolicy reroute) {
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
        Outgoing outgoing = new Outgoing(id, call, node, count, reroute);
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
        Map<Address, int[]> unanswered = new HashMap<>();
        for (Outgoing outgoing : List.copyOf(calls.values())) {
            if (now.contains(outgoing.node)) {
                continue;
            }
            Boolean sentAgain = lost(outgoing, "left the cluster");
            if (sentAgain != null) {
                unanswered.computeIfAbsent(outgoing.node, n -> new int[2])[sentAgain ? 0 : 1]++;
            }
        }
        perNode.keySet().removeIf(node -> !now.contains(node));
        perAlias.keySet().removeIf(key -> !now.contains(key.node()));
        unanswered.forEach((node, n) -> log.warn(
                "{} cluster: member {} left with {} forwarded call(s) unanswered: {} sent again to another publisher, "
                        + "{} answered publisher-lost",
                LogId.CLUSTER_NODE_LOST_CALLS,
                node,
                n[0] + n[1],
                n[0],
                n[1]));
    }

    /** The link with {@code node} closed: every call forwarded to it and not answered gets {@code publisher-lost}. */
    void linkLost(Address node, String why) {
        int sentAgain = 0;
        int failed = 0;
        for (Outgoing outgoing : List.copyOf(calls.values())) {
            if (outgoing.node.equals(node)) {
                Boolean again = lost(outgoing, "lost its link to this node: " + why);
                if (Boolean.TRUE.equals(again)) {
                    sentAgain++;
                } else if (Boolean.FALSE.equals(again)) {
                    failed++;
                }
            }
        }
        if (sentAgain + failed > 0) {
            log.warn(
                    "{} cluster: the link with member {} closed ({}) with {} forwarded call(s) unanswered: {} sent "
                            + "again to another publisher, {} answered publisher-lost",
                    LogId.LINK_LOST,
                    node,
                    why,
                    sentAgain + failed,
                    sentAgain,
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

    /**
     * The call's node is lost: an idempotent call of a reroute/hold session is sent again, once, to another publisher
     * while its deadline lasts (as a local publisher's loss does, docs/architecture.md); the others get
     * {@code publisher-lost}.
     *
     * @return null when the call was settled already, true when it was sent again, false for publisher-lost
     */
    private Boolean lost(Outgoing outgoing, String what) {
        if (!settle(outgoing)) {
            return null;
        }
        Call call = outgoing.call;
        if (outgoing.reroute != null
                && !call.expired(System.nanoTime())
                && rerouter.reroute(call, outgoing.reroute, outgoing.node)) {
            rerouted.increment();
            return true;
        }
        lostNodeFailures.increment();
        answer(
                outgoing,
                ResultCode.PUBLISHER_LOST,
                "the node publishing '" + outgoing.call.alias() + "' (" + outgoing.node + ") " + what);
        return false;
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
