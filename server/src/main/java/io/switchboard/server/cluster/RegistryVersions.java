package io.switchboard.server.cluster;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one member's registry messages said last, by instance id and that member's version (a counter that grows
 * with every message it sends): so that a state, which travels by unicast beside the member's multicast changes,
 * neither brings back an entry removed after it nor drops one registered after it. A state at version F stands for
 * everything up to F; messages at or below the floor are stale. Bounded: past the cap the oldest half goes and the
 * floor rises. Synchronized: JGroups may deliver a member's unicasts and multicasts on different threads.
 */
final class RegistryVersions {

    static final int MAX_TRACKED = 100_000;

    private final int maxTracked;
    /** Instance to the version of the last put (live) or remove (tombstone) about it above the floor. */
    private final Map<String, Long> versions = new HashMap<>();

    private final Map<String, Boolean> live = new HashMap<>();
    private long floor = -1;

    RegistryVersions(int maxTracked) {
        this.maxTracked = maxTracked;
    }

    /** A put or remove at {@code version}: false when it is stale (an older one than what was applied). */
    synchronized boolean change(String instance, long version, boolean put) {
        if (version <= floor || version <= versions.getOrDefault(instance, -1L)) {
            return false;
        }
        versions.put(instance, version);
        live.put(instance, put);
        bound();
        return true;
    }

    /**
     * A state at {@code version}: null when it is stale; else which of its instances to apply, and which instances
     * not in it stay (registered after it).
     */
    synchronized StateOutcome state(long version, Set<String> instances) {
        if (version <= floor) {
            return null;
        }
        Set<String> apply = instances.stream()
                .filter(i -> versions.getOrDefault(i, -1L) <= version)
                .collect(Collectors.toSet());
        Set<String> keep = versions.entrySet().stream()
                .filter(e -> e.getValue() > version && live.get(e.getKey()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        floor = version;
        versions.values().removeIf(v -> v <= version);
        live.keySet().retainAll(versions.keySet());
        return new StateOutcome(apply, keep);
    }

    record StateOutcome(Set<String> apply, Set<String> keep) {}

    private void bound() {
        if (versions.size() <= maxTracked) {
            return;
        }
        long[] sorted =
                versions.values().stream().mapToLong(Long::longValue).sorted().toArray();
        long cut = sorted[sorted.length / 2];
        for (Iterator<Long> it = versions.values().iterator(); it.hasNext(); ) {
            if (it.next() <= cut) {
                it.remove();
            }
        }
        live.keySet().retainAll(versions.keySet());
        floor = Math.max(floor, cut);
    }
}
