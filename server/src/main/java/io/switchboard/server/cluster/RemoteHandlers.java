package io.switchboard.server.cluster;

import io.netty.util.HashedWheelTimer;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.frontdoor.FrontDoors;
import io.switchboard.server.frontdoor.OtherNodes;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.Caller;
import io.switchboard.server.routing.Permits;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.routing.SessionDirectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jgroups.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Front doors across nodes (docs/front-door.md, "Front doors in a cluster"): this node's end of their link. For the
 * front doors here it is the {@link OtherNodes}: which nodes publish a handler alias (the replicated directory), events
 * forwarded to them ({@link ForwardedCalls}: one RESULT each, deadlines, {@code publisher-lost} when the node leaves),
 * {@code $lines} calls passed to the node of a line or to all ({@link RemoteLinesCalls}). For the other nodes it routes
 * their events to local publishers ({@link ForwardedIn}) and answers their {@code $lines} calls with the lines here.
 * Its messages are format {@value FrontDoorLinkMessage#FORMAT}, kept in order per pair of nodes ({@link InOrder}).
 */
public final class RemoteHandlers implements OtherNodes {

    private static final Logger log = LoggerFactory.getLogger(RemoteHandlers.class);
    /** How often the view is compared with the last one seen. */
    static final long VIEW_POLL_MS = 100;

    private final ClusterNode node;
    private final FrontDoors doors;
    private final HashedWheelTimer timer;
    private final BooleanSupplier shuttingDown;
    private final int maxMessageBytes;
    private final InOrder order;
    private final ForwardedCalls events;
    private final ForwardedIn eventsIn;
    private final LineHomes homes = new LineHomes();
    private final RemoteLinesCalls lines;

    private volatile List<Address> view = List.of();
    private volatile Set<Address> members = Set.of();
    private volatile Map<String, Address> byName = Map.of();
    private long badMessageWarnedAt;

    private RemoteHandlers(
            ClusterNode node,
            FrontDoors doors,
            SessionDirectory directory,
            Permits permits,
            HashedWheelTimer timer,
            ServerCounters counters,
            BooleanSupplier shuttingDown,
            int maxFrameSize) {
        this.node = node;
        this.doors = doors;
        this.timer = timer;
        this.shuttingDown = shuttingDown;
        this.maxMessageBytes = maxFrameSize + LinkMessage.OVERHEAD;
        this.order = new InOrder(timer);
        this.events = new ForwardedCalls(
                timer,
                counters,
                node.settings().maxForwarded(),
                maxMessageBytes,
                (to, bytes) -> send(to, FrontDoorLinkMessage.EVENT_CALL, bytes),
                node::reachable);
        this.eventsIn = new ForwardedIn(
                directory,
                permits,
                shuttingDown,
                String.valueOf(node.address()),
                maxMessageBytes,
                (to, bytes) -> send(to, FrontDoorLinkMessage.EVENT_RESULT, bytes),
                member -> members.contains(member));
        this.lines = new RemoteLinesCalls(timer, homes);
    }

    /**
     * Makes {@code doors} see handler instances and lines on the other nodes of {@code node}'s cluster, and this node
     * serve theirs. Call once, after joining and before serving.
     */
    public static RemoteHandlers install(
            ClusterNode node,
            FrontDoors doors,
            SessionDirectory directory,
            Permits permits,
            HashedWheelTimer timer,
            ServerCounters counters,
            BooleanSupplier shuttingDown,
            int maxFrameSize) {
        RemoteHandlers remote =
                new RemoteHandlers(node, doors, directory, permits, timer, counters, shuttingDown, maxFrameSize);
        remote.pollView();
        node.frontDoors(remote);
        doors.otherNodes(remote);
        return remote;
    }

    // ---- the front doors here, towards the other nodes

    @Override
    public Set<String> publishing(String alias) {
        Map<Address, AliasLoad> there = node.directory().publishers(alias);
        if (there.isEmpty()) {
            return Set.of();
        }
        Set<Address> now = members;
        Set<String> names = new LinkedHashSet<>();
        there.forEach((address, load) -> {
            if (load.publishers() > 0 && now.contains(address)) {
                names.add(String.valueOf(address));
            }
        });
        return names;
    }

    @Override
    public boolean isMember(String name) {
        return byName.containsKey(name);
    }

    @Override
    public boolean hasOthers() {
        return members.size() > 1;
    }

    @Override
    public Result forwardEvent(
            String name,
            Caller caller,
            long callerId,
            String alias,
            String method,
            CallMeta meta,
            byte[] payload,
            long timeoutMs) {
        Address to = byName.get(name);
        if (to == null) {
            return Result.failure(callerId, ResultCode.PUBLISHER_LOST, "node " + name + " left the cluster");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        return events.forward(new Call(caller, callerId, alias, method, meta, payload, deadline, 0, false, false), to);
    }

    @Override
    public void lines(String line, Codec codec, String method, byte[] payload, Consumer<List<Result>> answers) {
        Address self = node.address();
        Address home = line == null ? null : homes.home(line);
        List<Address> asked = new ArrayList<>();
        if (home != null && members.contains(home) && !home.equals(self)) {
            asked.add(home);
        } else {
            for (Address member : view) {
                if (!member.equals(self)) {
                    asked.add(member);
                }
            }
        }
        lines.ask(
                asked,
                line,
                answers,
                (to, id) -> send(
                        to,
                        FrontDoorLinkMessage.LINES_CALL,
                        new FrontDoorLinkMessage.LinesCall(id, codec.wireName(), method, payload).encode()));
    }

    // ---- messages from the other nodes

    /** A front door link message from {@code from} (the first byte was {@link FrontDoorLinkMessage#FORMAT}). */
    void received(Address from, byte[] array, int offset, int length) {
        FrontDoorLinkMessage.Header header;
        try {
            if (length > maxMessageBytes + FrontDoorLinkMessage.HEADER) {
                throw new IllegalArgumentException("a message of " + length + " bytes (at most "
                        + (maxMessageBytes + FrontDoorLinkMessage.HEADER) + ")");
            }
            header = FrontDoorLinkMessage.header(array, offset, length);
        } catch (IllegalArgumentException e) {
            warnBadMessage(from, e);
            return;
        }
        int bodyOffset = offset + FrontDoorLinkMessage.HEADER;
        int bodyLength = length - FrontDoorLinkMessage.HEADER;
        byte kind = header.kind();
        order.arrived(from, header.seq(), new InOrder.Turn() {
            @Override
            public void run() {
                handle(from, kind, array, bodyOffset, bodyLength);
            }

            @Override
            public Runnable kept() {
                byte[] copy = Arrays.copyOfRange(array, bodyOffset, bodyOffset + bodyLength);
                return () -> handle(from, kind, copy, 0, copy.length);
            }
        });
    }

    private void handle(Address from, byte kind, byte[] array, int offset, int length) {
        try {
            switch (kind) {
                case FrontDoorLinkMessage.EVENT_CALL -> eventArrived(from, array, offset, length);
                case FrontDoorLinkMessage.EVENT_RESULT ->
                    events.resultArrived(from, LinkMessage.decodeResult(array, offset, length, maxMessageBytes));
                case FrontDoorLinkMessage.LINES_CALL ->
                    linesCallArrived(from, FrontDoorLinkMessage.LinesCall.decode(array, offset, length));
                case FrontDoorLinkMessage.LINES_RESULT -> {
                    FrontDoorLinkMessage.LinesResult answer =
                            FrontDoorLinkMessage.LinesResult.decode(array, offset, length);
                    lines.answered(
                            from, answer.requestId(), new Result(0, answer.code(), answer.message(), answer.payload()));
                }
                default -> throw new IllegalArgumentException("unknown front door link message kind " + kind);
            }
        } catch (RuntimeException e) {
            // Malformed, or refused on the way: logged; the messages after it go on in order all the same.
            warnBadMessage(from, e);
        }
    }

    private void eventArrived(Address from, byte[] array, int offset, int length) {
        LinkMessage.Call call;
        try {
            call = LinkMessage.decodeCall(array, offset, length, maxMessageBytes);
        } catch (IllegalArgumentException e) {
            warnBadMessage(from, e);
            if (length >= 10 && LinkMessage.kind(array, offset, length) == LinkMessage.CALL) {
                // Its caller is not left waiting for its deadline.
                send(
                        from,
                        FrontDoorLinkMessage.EVENT_RESULT,
                        new LinkMessage.Result(
                                        LinkMessage.callId(array, offset, length),
                                        ResultCode.BAD_REQUEST,
                                        "node " + node.address() + " refused the event: " + e.getMessage(),
                                        new byte[0])
                                .encode());
            }
            return;
        }
        String line = call.meta().headers().get("line");
        if (line != null) {
            homes.learned(line, from); // its events come from where it lives
        }
        eventsIn.arrived(from, call);
    }

    private void linesCallArrived(Address from, FrontDoorLinkMessage.LinesCall call) {
        Optional<Codec> codec = Codec.forName(call.codec());
        Result answer;
        if (codec.isEmpty()) {
            answer = Result.failure(
                    0,
                    ResultCode.BAD_REQUEST,
                    "codec '" + call.codec() + "' is not installed on node " + node.address());
        } else if (shuttingDown.getAsBoolean()) {
            // Its lines are closing: it has none to offer.
            answer = Result.failure(0, ResultCode.NO_SUCH_LINE, "node " + node.address() + " is shutting down");
        } else {
            answer = doors.linesForOtherNode(codec.get(), call.method(), call.payload());
        }
        byte[] body = new FrontDoorLinkMessage.LinesResult(
                        call.requestId(), answer.code(), answer.message(), answer.payload())
                .encode();
        if (body.length > maxMessageBytes) {
            body = new FrontDoorLinkMessage.LinesResult(
                            call.requestId(), ResultCode.HANDLER_ERROR, "the answer is too large", new byte[0])
                    .encode();
        }
        send(from, FrontDoorLinkMessage.LINES_RESULT, body);
    }

    // ---- the link

    private boolean send(Address to, byte kind, byte[] body) {
        return node.sendTo(to, FrontDoorLinkMessage.wrap(kind, order.next(to), body));
    }

    /** Compares the view with the last one seen: calls waiting for members that left are answered. */
    private void pollView() {
        try {
            List<Address> now = node.members();
            if (!now.equals(view)) {
                Set<Address> set = Set.copyOf(now);
                Map<String, Address> names = new HashMap<>();
                now.forEach(member -> names.put(String.valueOf(member), member));
                names.remove(String.valueOf(node.address()));
                view = now;
                members = set;
                byName = Map.copyOf(names);
                order.retain(set);
                events.viewChanged(now);
                lines.viewChanged(set);
            }
        } catch (RuntimeException e) {
            log.warn("{} cluster: front doors: reading the view failed: {}", LogId.CLUSTER_SEND_FAILED, e.toString());
        }
        if (!node.isClosed()) {
            timer.newTimeout(t -> pollView(), VIEW_POLL_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Answers the events still open {@code shutting-down}: the end of the graceful shutdown's grace period. */
    public void failOpenCalls() {
        events.failAll(ResultCode.SHUTTING_DOWN, "the server shut down before the event was answered");
    }

    /** Lines whose node this node learned (for tests and /clusterz). */
    int knownLineHomes() {
        return homes.size();
    }

    private synchronized void warnBadMessage(Address from, RuntimeException e) {
        long now = System.nanoTime();
        if (badMessageWarnedAt != 0 && now - badMessageWarnedAt < 60_000_000_000L) {
            return;
        }
        badMessageWarnedAt = now;
        log.warn(
                "{} cluster: ignored a malformed front door message from {}: {}",
                LogId.FRONT_DOOR_LINK_BAD_MESSAGE,
                from,
                e.getMessage());
    }
}
