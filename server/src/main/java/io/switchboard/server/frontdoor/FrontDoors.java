package io.switchboard.server.frontdoor;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.HashedWheelTimer;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.SessionDirectory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The server's front doors, by name: created at start, wired into routing, closed at shutdown. */
public final class FrontDoors {

    private final Map<String, FrontDoor> byName;
    private final LinesSession lines;

    private FrontDoors(Map<String, FrontDoor> byName, LinesSession lines) {
        this.byName = byName;
        this.lines = lines;
    }

    /**
     * Creates the front doors of {@code configs}, each owned by one of {@code workers}' event loops, watches their
     * handler aliases in {@code directory} and makes {@code router} answer {@code $lines}.
     */
    public static FrontDoors create(
            List<FrontDoorConfig> configs,
            EventLoopGroup workers,
            CallRouter router,
            SessionDirectory directory,
            HashedWheelTimer timer,
            BooleanSupplier shuttingDown) {
        Map<String, FrontDoor> byName = new LinkedHashMap<>();
        for (FrontDoorConfig config : configs) {
            FrontDoor door = new FrontDoor(config, workers.next(), router, timer, shuttingDown);
            byName.put(config.name(), door);
            directory.watch(config.alias(), door);
        }
        LinesSession lines = new LinesSession(Map.copyOf(byName));
        router.builtIns(lines);
        return new FrontDoors(byName, lines);
    }

    /**
     * Takes the cluster's other nodes into account (docs/front-door.md, "Front doors in a cluster"): handler
     * instances there, and {@code $lines} calls about lines there. Call once, before serving.
     */
    public void otherNodes(OtherNodes nodes) {
        lines.otherNodes(nodes);
        for (FrontDoor door : byName.values()) {
            door.otherNodes(nodes);
        }
    }

    /** A {@code $lines} call another node passed on, answered with this node's lines (payloads in {@code codec}). */
    public Result linesForOtherNode(Codec codec, String method, byte[] payload) {
        return lines.answerForOtherNode(codec, method, payload);
    }

    public Collection<FrontDoor> all() {
        return byName.values();
    }

    public FrontDoor get(String name) {
        return byName.get(name);
    }

    /** Closes every open line telling users the server shuts down; returns the channels to wait for. */
    public List<Channel> closeAllLines() {
        List<Channel> closing = new ArrayList<>();
        for (FrontDoor door : byName.values()) {
            closing.addAll(door.closeAll(CloseReason.SERVER_SHUTTING_DOWN));
        }
        return closing;
    }
}
