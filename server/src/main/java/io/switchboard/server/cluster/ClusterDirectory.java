package io.switchboard.server.cluster;

import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.AliasLoad;
import io.switchboard.server.routing.RemoteSessions;
import io.switchboard.server.routing.SessionDefinition;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jgroups.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which aliases the other members publish, with each one's publisher count and calls in flight: the replicated
 * half of the directory (this node's own half is {@link LocalAliases}). Filled by the members' messages, emptied
 * of a member by the view change that removes it. Read by /clusterz, by cross-node routing (ClusterKeeper), and by
 * LIST and SUBSCRIBE as {@link RemoteSessions}: publishers summed over the members; where members disagree on an
 * alias's definition, the one of the member whose name sorts first is shown.
 */
public final class ClusterDirectory implements RemoteSessions {

    private static final Logger log = LoggerFactory.getLogger(ClusterDirectory.class);
    /** Members that left are remembered this long (in number), so their late messages cannot bring them back. */
    static final int GONE_REMEMBERED = 1024;

    private final int maxAliasesPerNode;
    private final Map<Address, NodeEntries> nodes = new ConcurrentHashMap<>();
    private final Map<Address, Boolean> gone = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Address, Boolean> eldest) {
            return size() > GONE_REMEMBERED;
        }
    };
    /** Rate limit of the over-cap warning: once per member and minute. */
    private final Map<Address, Long> warnedAt = new ConcurrentHashMap<>();

    ClusterDirectory(int maxAliasesPerNode) {
        this.maxAliasesPerNode = maxAliasesPerNode;
    }

    /**
     * Applies a member's message.
     *
     * @return the aliases whose being published on that member may have changed (for SUBSCRIBE's events): none
     *     when the message was stale, from a member that has left, or only a load sample of a published alias
     */
    Set<String> apply(Address from, DirectoryMessage message) {
        NodeEntries entries = entriesOf(from);
        if (entries == null) {
            return Set.of();
        }
        if (message.kind() == DirectoryMessage.Kind.STATE) {
            Set<String> touched = new HashSet<>(entries.aliases());
            int refused = entries.state(message.version(), message.entries(), message.definitions());
            if (refused > 0) {
                warnOverCap(from, refused);
            }
            touched.addAll(entries.aliases());
            return touched;
        }
        Map.Entry<String, AliasLoad> e = message.entries().entrySet().iterator().next();
        SessionDefinition definition = message.definitions().get(e.getKey());
        NodeEntries.Outcome outcome = entries.update(message.version(), e.getKey(), e.getValue(), definition);
        if (outcome == NodeEntries.Outcome.OVER_CAP) {
            warnOverCap(from, 1);
        }
        boolean publication = definition != null || e.getValue().publishers() == 0;
        return outcome == NodeEntries.Outcome.APPLIED && publication ? Set.of(e.getKey()) : Set.of();
    }

    /**
     * Keeps only the members of the new view; the others lose all their entries and are remembered as gone. A gone
     * member back in a view (a merge after a split) is heard again: it sends its state, as to any new member.
     */
    Set<String> retain(Collection<Address> members) {
        Set<String> lost = new HashSet<>();
        Set<Address> current = Set.copyOf(members);
        synchronized (gone) {
            gone.keySet().removeAll(current);
        }
        for (Address member : Set.copyOf(nodes.keySet())) {
            if (!current.contains(member)) {
                synchronized (gone) {
                    gone.put(member, Boolean.TRUE); // first, so that a message racing the removal is refused
                }
                NodeEntries removed = nodes.remove(member);
                if (removed != null) {
                    lost.addAll(removed.aliases());
                }
                warnedAt.remove(member);
            }
        }
        return lost;
    }

    /** The definition {@code member} announced for {@code alias}, or null (not published there, or not said). */
    SessionDefinition definition(Address member, String alias) {
        NodeEntries entries = nodes.get(member);
        return entries == null ? null : entries.definition(alias);
    }

    @Override
    public RemoteSession find(String alias) {
        int publishers = 0;
        SessionDefinition shown = null;
        String shownBy = null;
        for (Map.Entry<Address, NodeEntries> node : nodes.entrySet()) {
            int here = node.getValue().load(alias).publishers();
            if (here == 0) {
                continue;
            }
            publishers += here;
            SessionDefinition definition = node.getValue().definition(alias);
            String name = String.valueOf(node.getKey());
            if (definition != null && (shownBy == null || name.compareTo(shownBy) < 0)) {
                shown = definition;
                shownBy = name;
            }
        }
        // Without a definition (a load sample that overtook it) the alias is not shown until its definition comes.
        return shown == null ? null : new RemoteSession(shown, publishers);
    }

    @Override
    public Collection<RemoteSession> all() {
        Map<String, Integer> publishers = new HashMap<>();
        Map<String, SessionDefinition> shown = new HashMap<>();
        Map<String, String> shownBy = new HashMap<>();
        for (Map.Entry<Address, NodeEntries> node : nodes.entrySet()) {
            String name = String.valueOf(node.getKey());
            node.getValue().published().forEach((alias, p) -> {
                publishers.merge(alias, p.load().publishers(), Integer::sum);
                String by = shownBy.get(alias);
                if (p.definition() != null && (by == null || name.compareTo(by) < 0)) {
                    shown.put(alias, p.definition());
                    shownBy.put(alias, name);
                }
            });
        }
        List<RemoteSession> all = new java.util.ArrayList<>(shown.size());
        shown.forEach((alias, definition) -> all.add(new RemoteSession(definition, publishers.get(alias))));
        return all;
    }

    /** The alias's load on each member that publishes it. */
    public Map<Address, AliasLoad> publishers(String alias) {
        Map<Address, AliasLoad> found = new LinkedHashMap<>();
        nodes.forEach((member, entries) -> {
            AliasLoad load = entries.load(alias);
            if (load.publishers() > 0) {
                found.put(member, load);
            }
        });
        return found;
    }

    /** Every member heard from, with a sorted copy of its aliases. */
    public Map<Address, Map<String, AliasLoad>> snapshot() {
        Map<Address, Map<String, AliasLoad>> copy = new LinkedHashMap<>();
        nodes.forEach((member, entries) -> copy.put(member, entries.snapshot()));
        return copy;
    }

    private NodeEntries entriesOf(Address from) {
        synchronized (gone) {
            if (gone.containsKey(from)) {
                return null;
            }
        }
        // A message may come before this node installs the view that holds its sender: take it.
        return nodes.computeIfAbsent(from, a -> new NodeEntries(maxAliasesPerNode));
    }

    private void warnOverCap(Address from, int refused) {
        long now = System.nanoTime();
        Long last = warnedAt.get(from);
        if (last != null && now - last < 60_000_000_000L) {
            return;
        }
        warnedAt.put(from, now);
        log.warn(
                "{} member {} publishes more than {} aliases: {} of them are left out of this node's directory",
                LogId.CLUSTER_ALIASES_OVER_CAP,
                from,
                maxAliasesPerNode,
                refused);
    }
}
