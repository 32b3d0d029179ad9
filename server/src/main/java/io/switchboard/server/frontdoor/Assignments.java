package io.switchboard.server.frontdoor;

import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Publication;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instance handles which line: a new line goes to the instance with the fewest lines and stays there
 * while it lives; the lines of an instance that goes away move to the others (or wait for the next one), each
 * receiver welcomed back for them. In a cluster, another node publishing the handler alias is one instance; local
 * instances are preferred for new and moving lines. Owner event loop only.
 */
final class Assignments {

    private static final Logger log = LoggerFactory.getLogger(Assignments.class);

    private final Dispatcher dispatcher;
    private final FrontDoor door;
    private final List<Instance> instances = new ArrayList<>();
    /**
     * Nodes whose instance was lost by an answer (publisher-lost, no-such-session) while the directory still lists
     * them: not taken again before this time (nanos), unless the directory drops and lists them again.
     */
    private final Map<String, Long> coolingDown = new HashMap<>();

    /** How long a node whose publishers answered "gone" is not taken again while the directory still lists it. */
    static final long REMOTE_COOL_DOWN_MS = 1_000;

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
        added(new Instance(publication));
    }

    /**
     * The nodes publishing the handler alias now, as the cluster's directory says: a node new to it is an instance
     * (welcomed back with every line waiting for one); an instance whose node no longer publishes it, or left the
     * view, goes away like a local one.
     */
    void otherNodes(Set<String> publishing) {
        coolingDown.keySet().retainAll(publishing);
        long now = System.nanoTime();
        for (Instance instance : List.copyOf(instances)) {
            if (!instance.isLocal() && !publishing.contains(instance.node)) {
                withdraw(instance);
            }
        }
        for (String node : publishing) {
            Long until = coolingDown.get(node);
            if (until != null && now - until < 0) {
                continue;
            }
            coolingDown.remove(node);
            if (findNode(node) == null) {
                added(new Instance(node));
            }
        }
    }

    /** Another node's instance answered that its publishers are gone: it goes now, and is not taken again at once. */
    void remoteLost(Instance instance) {
        if (instance.isLocal() || instance.removed) {
            return;
        }
        coolingDown.put(instance.node, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REMOTE_COOL_DOWN_MS));
        withdraw(instance);
    }

    private void added(Instance instance) {
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

    /** The publication went away: its unanswered events go again, its lines move or wait. */
    void withdrawn(Publication publication) {
        Instance instance = find(publication.connection());
        if (instance != null) {
            withdraw(instance);
        }
    }

    private void withdraw(Instance instance) {
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
            if (instance.isLocal() && instance.connection == connection) {
                return instance;
            }
        }
        return null;
    }

    private Instance findNode(String node) {
        for (Instance instance : instances) {
            if (node.equals(instance.node)) {
                return instance;
            }
        }
        return null;
    }

    /** The usable instance with the fewest lines, a local one when there is one (no hop for its events). */
    private Instance fewestLines() {
        Instance best = null;
        for (Instance instance : instances) {
            if (instance.usable()
                    && (best == null
                            || (instance.isLocal() && !best.isLocal())
                            || (instance.isLocal() == best.isLocal() && instance.lines.size() < best.lines.size()))) {
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
