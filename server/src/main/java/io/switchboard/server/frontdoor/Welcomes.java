package io.switchboard.server.frontdoor;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an instance its welcome-backs: the lines it takes over, at most {@value #PART_LINES} per part, one part
 * in flight; its lines' events wait until every part is answered. Owner event loop only.
 */
final class Welcomes {

    private static final Logger log = LoggerFactory.getLogger(Welcomes.class);
    static final int PART_LINES = 1000;
    static final String METHOD = "welcome-back";

    private final Dispatcher dispatcher;
    private final FrontDoor door;
    private final CallMeta meta;

    Welcomes(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.door = dispatcher.door;
        this.meta = CallMeta.of(door.callerName, Map.of("front_door", door.config.name()));
    }

    void welcome(Instance instance, String reason, List<Line> lines) {
        door.counters.welcomeBacks.increment();
        instance.welcomes.addLast(new Instance.Welcome(reason, lines));
        sendNext(instance);
    }

    private void sendNext(Instance instance) {
        if (instance.welcomeInflight != null
                || instance.paused
                || !instance.usable()
                || door.shuttingDown.getAsBoolean()) {
            return;
        }
        Instance.Welcome welcome = instance.welcomes.peekFirst();
        if (welcome == null) {
            dispatcher.instanceReady(instance);
            return;
        }
        int end = Math.min(welcome.lines.size(), welcome.listed + PART_LINES);
        List<Line> open = new ArrayList<>();
        List<Line> gone = new ArrayList<>();
        for (Line line : welcome.lines.subList(welcome.listed, end)) {
            (line.open ? open : gone).add(line);
        }
        byte[] payload = EventPayloads.welcomeBack(
                instance.codec(), door.config.name(), welcome.reason, open, gone, end < welcome.lines.size());
        EventCall call = new EventCall(dispatcher, null, null, instance, end);
        instance.welcomeInflight = call;
        Result refusal = door.forward(instance, call, dispatcher.nextCallId(), METHOD, meta, payload);
        if (refusal != null) {
            instance.welcomeInflight = null;
            outcome(instance, call, refusal);
        } else {
            door.counters.delivered.increment();
        }
    }

    void answered(EventCall call, Result result) {
        Instance instance = call.instance;
        if (instance.removed || instance.welcomeInflight != call) {
            return;
        }
        instance.welcomeInflight = null;
        outcome(instance, call, result);
    }

    private void outcome(Instance instance, EventCall call, Result result) {
        ResultCode code = result.code();
        if (!instance.isLocal() && (code == ResultCode.SHUTTING_DOWN || code == ResultCode.NO_SUCH_SESSION)) {
            // That node is stopping, or its publishers went before its directory update came.
            dispatcher.assignments.remoteLost(instance);
            return;
        }
        if (code == ResultCode.BUSY || code == ResultCode.SHUTTING_DOWN) {
            pause(instance);
            return;
        }
        if (code == ResultCode.PUBLISHER_LOST) {
            // The instance is going; its withdrawal moves its lines on (another node's: now).
            dispatcher.assignments.remoteLost(instance);
            return;
        }
        if (!code.isOk()) {
            door.counters.failed.increment();
            log.info(
                    "front door {}: instance {} answered a welcome-back {}: {}",
                    door.config.name(),
                    instance,
                    code.wireName(),
                    result.message());
        }
        Instance.Welcome welcome = instance.welcomes.peekFirst();
        welcome.listed = call.listedThrough;
        if (welcome.listed >= welcome.lines.size()) {
            instance.welcomes.pollFirst();
        }
        sendNext(instance);
    }

    private void pause(Instance instance) {
        if (door.shuttingDown.getAsBoolean()) {
            return;
        }
        instance.paused = true;
        door.timer.newTimeout(
                t -> dispatcher.execute(() -> {
                    instance.paused = false;
                    sendNext(instance);
                }),
                Dispatcher.RETRY_PAUSE_MS,
                TimeUnit.MILLISECONDS);
    }
}
