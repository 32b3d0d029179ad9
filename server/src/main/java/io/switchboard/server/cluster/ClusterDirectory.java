package io.switchboard.server.cluster;

import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.AliasLoad;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jgroups.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which aliases the other members publish, with each one's publisher count and calls in flight: the replicated
 * half of the directory (this node's own half is {@link LocalAliases}). Filled by the members' messages, emptied
 * of a member by the view change that removes it. Read by /clusterz now; by cross-node routing (ClusterKeeper).
 */
public final class ClusterDirectory {

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

    /** Applies a member's message; false when it was stale or from a member that has left. */
    boolean apply(Address from, DirectoryMessage message) {
        NodeEntries entries = entriesOf(from);
        if (entries == null) {
            return false;
        }
        if (message.kind() == DirectoryMessage.Kind.STATE) {
            int refused = entries.state(message.version(), message.entries());
            if (refused > 0) {
                warnOverCap(from, refused);
            }
            return true;
        }
        Map.Entry<String, AliasLoad> e = message.entries().entrySet().iterator().next();
        NodeEntries.Outcome outcome = entries.update(message.version(), e.getKey(), e.getValue());
        if (outcome == NodeEntries.Outcome.OVER_CAP) {
            warnOverCap(from, 1);
        }
        return outcome == NodeEntries.Outcome.APPLIED;
    }

    /**
     * Keeps only the members of the new view; the others lose all their entries and are remembered as gone. A gone
     * member back in a view (a merge after a split) is heard again: it sends its state, as to any new member.
     */
    void retain(Collection<Address> members) {
        Set<Address> current = Set.copyOf(members);
        synchronized (gone) {
            gone.keySet().removeAll(current);
        }
        for (Address member : Set.copyOf(nodes.keySet())) {
            if (!current.contains(member)) {
                synchronized (gone) {
                    gone.put(member, Boolean.TRUE); // first, so that a message racing the removal is refused
                }
                nodes.remove(member);
                warnedAt.remove(member);
            }
        }
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
