package io.switchboard.server.frontdoor;

import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Publication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance handles which line: a new line goes to the instance with the fewest lines and stays there
 * while it lives; the lines of an instance that goes away move to the others (or wait for the next one), each
 * receiver welcomed back for them. Owner event loop only.
 */
final class Assignments {

    private static final Logger log = LoggerFactory.getLogger(Assignments.class);

    private final Dispatcher dispatcher;
    private final FrontDoor door;
    private final List<Instance> instances = new ArrayList<>();

    Assignments(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.door = dispatcher.door;
    }

    void placeNew(Line line) {
        Instance target = fewestLines();
        if (target == null) {
            door.config.outageNotice().ifPresent(line.output::text);
            return;
        }
        assign(line, target);
    }

    /** A publication of the handler alias: a new instance, welcomed back with every line waiting for one. */
    void published(Publication publication) {
        Instance existing = find(publication.connection());
        if (existing != null) {
            existing.publication = publication; // the same connection published again: same instance
            return;
        }
        if (publication.connection().isClosed()) {
            return;
        }
        Instance instance = new Instance(publication);
        instances.add(instance);
        countChanged(instance, "published");
        List<Line> taken = new ArrayList<>();
        for (Line line : dispatcher.lines) {
            if (line.instance == null) {
                assign(line, instance);
                taken.add(line);
                if (line.open) {
                    door.config.resumeNotice().ifPresent(line.output::text);
                }
            }
        }
        dispatcher.welcomes.welcome(instance, "published", taken);
    }

    /** The instance went away: its unanswered events go again, its lines move or wait. */
    void withdrawn(Publication publication) {
        Instance instance = find(publication.connection());
        if (instance == null) {
            return;
        }
        instances.remove(instance);
        instance.removed = true;
        if (instances.isEmpty()) {
            door.counters.outages.increment();
        }
        countChanged(instance, "went away");
        List<Line> orphans = new ArrayList<>(instance.lines);
        instance.lines.clear();
        for (Line line : orphans) {
            line.instance = null;
            if (line.inflight != null) {
                line.requeueFirst(line.inflight.event.asRedelivered());
                line.inflight = null; // its RESULT, should it still come, is ignored
            }
        }
        Map<Instance, List<Line>> moves = new LinkedHashMap<>();
        for (Line line : orphans) {
            Instance target = fewestLines();
            if (target == null) {
                if (line.open) {
                    door.config.outageNotice().ifPresent(line.output::text);
                }
                continue;
            }
            assign(line, target);
            moves.computeIfAbsent(target, t -> new ArrayList<>()).add(line);
        }
        moves.forEach((target, moved) -> dispatcher.welcomes.welcome(target, "moved", moved));
    }

    private Instance find(Connection connection) {
        for (Instance instance : instances) {
            if (instance.connection == connection) {
                return instance;
            }
        }
        return null;
    }

    private Instance fewestLines() {
        Instance best = null;
        for (Instance instance : instances) {
            if (instance.usable() && (best == null || instance.lines.size() < best.lines.size())) {
                best = instance;
            }
        }
        return best;
    }

    private static void assign(Line line, Instance target) {
        line.instance = target;
        target.lines.add(line);
    }

    private void countChanged(Instance instance, String what) {
        door.counters.instances.set(instances.size());
        log.info(
                "{} front door {}: handler instance {} {}; {} instance(s) of '{}' now, {} line(s)",
                LogId.FRONT_DOOR_HANDLERS,
                door.config.name(),
                instance,
                what,
                instances.size(),
                door.config.alias(),
                dispatcher.lines.size());
    }
}
