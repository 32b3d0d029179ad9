package io.switchboard.server.frontdoor;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.HashedWheelTimer;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Publication;
import io.switchboard.server.routing.PublicationWatcher;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One front door: its lines and the {@link Dispatcher} that owns their state on one event loop. The line
 * handlers call in here from their own event loops; every state change hops onto the owner loop.
 */
public final class FrontDoor implements PublicationWatcher {

    private static final List<String> EVENT_METHODS = List.of("connect", "input", "disconnect", Welcomes.METHOD);

    final FrontDoorConfig config;
    final EventLoop owner;
    final CallRouter router;
    final HashedWheelTimer timer;
    final BooleanSupplier shuttingDown;
    /** The caller every event names: {@code $front-door/<name>}. */
    final String callerName;

    final FrontDoorCounters counters = new FrontDoorCounters();
    /** Refusals and limit closes, logged at most once per interval. */
    final RefusalLog refusals;
    /** Open lines by id, for {@code $lines}; any thread. */
    final ConcurrentHashMap<String, Line> openLines = new ConcurrentHashMap<>();
    /** Lines open or still to be told gone to an instance; what max-lines bounds. */
    final AtomicInteger tracked = new AtomicInteger();
    /** Connections and input rate per IP address, across reconnects. */
    final AddressLimits addresses;

    private final Dispatcher dispatcher;
    /** The cluster's other nodes; {@link OtherNodes#NONE} until one is installed (before serving). */
    private volatile OtherNodes others = OtherNodes.NONE;

    FrontDoor(
            FrontDoorConfig config,
            EventLoop owner,
            CallRouter router,
            HashedWheelTimer timer,
            BooleanSupplier shuttingDown) {
        this.config = config;
        this.owner = owner;
        this.router = router;
        this.timer = timer;
        this.shuttingDown = shuttingDown;
        this.callerName = "$front-door/" + config.name();
        this.refusals = new RefusalLog(config.name());
        this.dispatcher = new Dispatcher(this);
        this.addresses = new AddressLimits(
                config.guards().maxLinesPerAddress(), config.guards().maxInputRatePerAddress());
    }

    public FrontDoorConfig config() {
        return config;
    }

    public FrontDoorStats stats() {
        return counters.snapshot(openLines.size());
    }

    /**
     * A user connected (for websocket: finished the upgrade). Returns its line, or null when max-lines are
     * taken; then the connection is closed with the reason.
     */
    Line open(Channel channel, LineOutput output) {
        if (tracked.incrementAndGet() > config.maxLines()) {
            tracked.decrementAndGet();
            counters.closedBy(CloseReason.TOO_MANY_LINES);
            refusals.refused(channel.remoteAddress(), CloseReason.TOO_MANY_LINES.text());
            output.close(CloseReason.TOO_MANY_LINES);
            return null;
        }
        Line line = new Line(
                LineIds.next(),
                channel,
                output,
                config.protocol(),
                address(channel.remoteAddress()),
                System.currentTimeMillis(),
                config.name(),
                counters,
                refusals);
        openLines.put(line.id, line);
        dispatcher.execute(() -> dispatcher.connected(line));
        return line;
    }

    void input(Line line, byte[] bytes, boolean binary) {
        LineEvent event = LineEvent.input(bytes, binary, System.currentTimeMillis());
        dispatcher.execute(() -> dispatcher.input(line, event));
    }

    void closed(Line line) {
        openLines.remove(line.id);
        dispatcher.execute(() -> dispatcher.disconnected(line));
    }

    /**
     * Sends one event (or welcome-back part) to {@code instance}: to its publication here, or through the cluster to
     * its node. Null when sent (the call then gets exactly one RESULT), else the RESULT refusing it.
     */
    Result forward(Instance instance, EventCall call, long id, String method, CallMeta meta, byte[] payload) {
        long timeoutMs = config.eventTimeoutMs();
        if (instance.isLocal()) {
            return router.forwardTo(call, id, instance.publication, method, meta, payload, timeoutMs);
        }
        return others.forwardEvent(instance.node, call, id, config.alias(), method, meta, payload, timeoutMs);
    }

    /** How often the cluster's directory is looked at for handler instances on other nodes. */
    static final long OTHER_NODES_POLL_MS = 100;

    /** Takes handler instances on other nodes into account from now on: looks for them every 100 ms. */
    void otherNodes(OtherNodes nodes) {
        others = nodes;
        pollOtherNodes();
    }

    OtherNodes otherNodes() {
        return others;
    }

    private void pollOtherNodes() {
        if (shuttingDown.getAsBoolean()) {
            return;
        }
        dispatcher.execute(() -> dispatcher.assignments.otherNodes(others.publishing(config.alias())));
        timer.newTimeout(t -> pollOtherNodes(), OTHER_NODES_POLL_MS, TimeUnit.MILLISECONDS);
    }

    Line openLine(String id) {
        return openLines.get(id);
    }

    Collection<Line> openLines() {
        return openLines.values();
    }

    /** Closes every open line with {@code reason} (server shutdown); returns their channels to wait for. */
    List<Channel> closeAll(CloseReason reason) {
        List<Line> lines = List.copyOf(openLines.values());
        lines.forEach(line -> line.close(reason));
        return lines.stream().map(line -> line.channel).toList();
    }

    @Override
    public List<String> requiredMethods() {
        return EVENT_METHODS;
    }

    /** Events are written as token streams (json, cbor, smile); a codec that is none (xml) cannot carry them. */
    @Override
    public String refusal(Connection publisher) {
        return publisher.codec().streamsTokens()
                ? null
                : "'" + config.alias() + "' is a front door's handler alias: its handlers must speak json, cbor or "
                        + "smile, not " + publisher.codec().wireName();
    }

    @Override
    public void published(Publication publication) {
        dispatcher.execute(() -> dispatcher.assignments.published(publication));
    }

    @Override
    public void withdrawn(Publication publication) {
        dispatcher.execute(() -> dispatcher.assignments.withdrawn(publication));
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
