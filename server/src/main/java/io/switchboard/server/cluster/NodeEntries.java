package io.switchboard.server.cluster;

import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.routing.SessionDefinition;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one remote member publishes, as far as its messages tell: alias to load, each with the member's version
 * when it last changed. A message only counts if it is newer than what it would replace, so a late, reordered
 * update cannot bring back an old count (JGroups keeps each sender's multicasts in order, but its full state
 * travels by unicast beside them). A removal leaves a tombstone holding its version for the same reason; a full
 * state at version F stands for everything up to F, so it sets the floor below which any message is stale and
 * clears the tombstones it covers. Synchronized: JGroups may deliver a member's unicasts and multicasts on
 * different threads.
 */
final class NodeEntries {

    /** What applying a message did. */
    enum Outcome {
        APPLIED,
        STALE,
        OVER_CAP
    }

    /** @param definition the alias's methods and policy there; null until a message carried it */
    private record Entry(AliasLoad load, long version, SessionDefinition definition) {}

    private final int maxAliases;
    /** Live entries (publishers > 0). */
    private final Map<String, Entry> live = new HashMap<>();
    /** Removed aliases with the version of their removal. */
    private final Map<String, Long> tombstones = new HashMap<>();
    /** Messages at or below this version are already reflected here. */
    private long floor = -1;

    NodeEntries(int maxAliases) {
        this.maxAliases = maxAliases;
    }

    Outcome update(long version, String alias, AliasLoad load) {
        return update(version, alias, load, null);
    }

    /** @param definition null for a load sample: the entry keeps the definition it has */
    synchronized Outcome update(long version, String alias, AliasLoad load, SessionDefinition definition) {
        if (version <= floor || version <= versionOf(alias)) {
            return Outcome.STALE;
        }
        if (load.publishers() == 0) {
            live.remove(alias);
            tombstones.put(alias, version);
            boundTombstones();
            return Outcome.APPLIED;
        }
        if (!live.containsKey(alias) && live.size() >= maxAliases) {
            return Outcome.OVER_CAP;
        }
        tombstones.remove(alias);
        Entry before = live.get(alias);
        live.put(
                alias, new Entry(load, version, definition != null || before == null ? definition : before.definition));
        return Outcome.APPLIED;
    }

    int state(long version, Map<String, AliasLoad> entries) {
        return state(version, entries, Map.of());
    }

    /** Replaces everything at or below {@code version} with {@code entries}; the number of aliases left out. */
    synchronized int state(long version, Map<String, AliasLoad> entries, Map<String, SessionDefinition> definitions) {
        if (version <= floor) {
            return 0;
        }
        floor = version;
        live.values().removeIf(e -> e.version() <= version);
        tombstones.values().removeIf(v -> v <= version);
        int refused = 0;
        for (Map.Entry<String, AliasLoad> e : entries.entrySet()) {
            SessionDefinition definition = definitions.get(e.getKey());
            Entry newer = live.get(e.getKey());
            if (newer != null && newer.definition == null && definition != null) {
                // A load sample overtook the state: it keeps its load, the state brings the definition.
                live.put(e.getKey(), new Entry(newer.load, newer.version, definition));
            }
            if (e.getValue().publishers() == 0 || versionOf(e.getKey()) > version) {
                continue; // a newer update arrived before the state
            }
            if (live.size() >= maxAliases) {
                refused++;
                continue;
            }
            live.put(e.getKey(), new Entry(e.getValue(), version, definition));
        }
        return refused;
    }

    /** The alias's load on this member; {@link AliasLoad#NONE} when it does not publish it. */
    synchronized AliasLoad load(String alias) {
        Entry e = live.get(alias);
        return e == null ? AliasLoad.NONE : e.load();
    }

    /** The alias's definition on this member, or null when it does not publish it (or did not say yet). */
    synchronized SessionDefinition definition(String alias) {
        Entry e = live.get(alias);
        return e == null ? null : e.definition();
    }

    /** The aliases published there now. */
    synchronized java.util.Set<String> aliases() {
        return java.util.Set.copyOf(live.keySet());
    }

    /** What one member publishes of one alias: its load and definition (null when not said yet). */
    record Published(AliasLoad load, SessionDefinition definition) {}

    /** Each live alias's load and definition, for LIST. */
    synchronized Map<String, Published> published() {
        Map<String, Published> copy = new HashMap<>();
        live.forEach((alias, e) -> copy.put(alias, new Published(e.load(), e.definition())));
        return copy;
    }

    /** A sorted copy of the live entries. */
    synchronized Map<String, AliasLoad> snapshot() {
        Map<String, AliasLoad> copy = new TreeMap<>();
        live.forEach((alias, e) -> copy.put(alias, e.load()));
        return copy;
    }

    synchronized int size() {
        return live.size();
    }

    private long versionOf(String alias) {
        Entry e = live.get(alias);
        if (e != null) {
            return e.version();
        }
        Long removed = tombstones.get(alias);
        return removed == null ? -1 : removed;
    }

    /**
     * Tombstones are bounded like live entries: past the cap the oldest half goes and the floor rises to the newest
     * of those dropped (only a message reordered across that many changes is then refused).
     */
    private void boundTombstones() {
        if (tombstones.size() <= maxAliases) {
            return;
        }
        long[] versions =
                tombstones.values().stream().mapToLong(Long::longValue).sorted().toArray();
        long cut = versions[versions.length / 2];
        for (Iterator<Long> it = tombstones.values().iterator(); it.hasNext(); ) {
            if (it.next() <= cut) {
                it.remove();
            }
        }
        floor = Math.max(floor, cut);
    }
}
