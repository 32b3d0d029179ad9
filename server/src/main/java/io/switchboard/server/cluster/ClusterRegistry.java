package io.switchboard.server.cluster;

import io.switchboard.server.logging.LogId;
import io.switchboard.server.registry.Registry;
import io.switchboard.server.registry.RegistryReplication;
import io.switchboard.server.registry.SharedEntry;
import java.util.Collection;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jgroups.Address;
import org.jgroups.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry across nodes (docs/cluster.md, "The registry across nodes"). Entries bound to a connection or to the
 * server live on their node and are replicated like the directory: changes multicast as they happen, the whole part
 * sent to members new in the view, dropped when their node leaves it. TTL entries live in the shared store; a
 * change on one node is multicast so the others' copies (and expiry timers) follow, and every node expires them by
 * its own timer. Messages are {@link RegistryMessage}s (format {@code 4}), sent from one thread in the order the
 * registry made its changes.
 */
final class ClusterRegistry implements RegistryReplication, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterRegistry.class);
    /** The most changes waiting to be sent; past it a change is not replicated (CLUSTER_REGISTRY_BACKLOG). */
    static final int MAX_BACKLOG = 100_000;
    /** The most entries a state may carry: one node's bound entries (the registry's own cap bounds them too). */
    static final int MAX_STATE_ENTRIES = 1_000_000;

    private final ClusterNode node;
    private final Registry registry;
    private final ThreadPoolExecutor sender =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(MAX_BACKLOG), r -> {
                Thread t = new Thread(r, "switchboard-cluster-registry");
                t.setDaemon(true);
                return t;
            });
    /** This node's version: one more for every registry message it sends; on the sender thread only. */
    private long version;
    /** What each other member's messages said last (key: the member's {@link #key}). */
    private final java.util.Map<String, RegistryVersions> heard = new java.util.concurrent.ConcurrentHashMap<>();

    private long backlogWarnedAt;
    private long badMessageWarnedAt;

    private ClusterRegistry(ClusterNode node, Registry registry) {
        this.node = node;
        this.registry = registry;
    }

    /**
     * Shares {@code registry} with the cluster from now on: its changes go to the other members, theirs come here.
     * This node then asks every member for its part and catches up with the store's TTL entries. Call after joining
     * and before the server registers its own entries and serves.
     */
    static ClusterRegistry install(ClusterNode node, Registry registry) {
        ClusterRegistry shared = new ClusterRegistry(node, registry);
        registry.replicateTo(shared);
        node.registry(shared);
        // Messages of the others that came before this point were dropped: ask again, and read the store again.
        shared.queueState(null, true);
        registry.syncShared();
        return shared;
    }

    /** A member's key in the registry: its JGroups UUID, unique even when a node returns under the same name. */
    static String key(Address member) {
        return member instanceof UUID uuid ? uuid.toStringLong() : String.valueOf(member);
    }

    @Override
    public void put(SharedEntry entry) {
        queue(null, RegistryMessage.put(entry));
    }

    @Override
    public void removed(String name, String instance) {
        queue(null, RegistryMessage.remove(name, instance));
    }

    /** A registry message from {@code from}. */
    void received(Address from, byte[] array, int offset, int length) {
        RegistryMessage message;
        try {
            message = RegistryMessage.decode(array, offset, length, MAX_STATE_ENTRIES);
        } catch (IllegalArgumentException e) {
            warnBadMessage(from, e);
            return;
        }
        if (!node.members().contains(from)) {
            return; // a member that left: its late message must not bring its entries back
        }
        String member = key(from);
        RegistryVersions versions =
                heard.computeIfAbsent(member, m -> new RegistryVersions(RegistryVersions.MAX_TRACKED));
        switch (message.kind()) {
            case PUT -> {
                SharedEntry entry = message.entries().get(0);
                // TTL entries are shared (any node may change them): only bound ones are versioned per member.
                if (entry.hasTtl() || versions.change(entry.instance(), message.version(), true)) {
                    registry.putRemote(member, entry);
                }
            }
            case REMOVE -> {
                versions.change(message.instance(), message.version(), false);
                registry.removeRemote(message.name(), message.instance());
            }
            case STATE -> {
                java.util.Set<String> instances = new java.util.HashSet<>();
                message.entries().forEach(e -> instances.add(e.instance()));
                RegistryVersions.StateOutcome outcome = versions.state(message.version(), instances);
                if (outcome != null) {
                    registry.stateOf(
                            member,
                            message.entries().stream()
                                    .filter(e -> outcome.apply().contains(e.instance()))
                                    .toList(),
                            outcome.keep());
                }
                if (message.askState()) {
                    queueState(from, false);
                }
            }
        }
    }

    /** The view changed: the entries of members that left go; members new to this node get its part. */
    void viewChanged(Collection<Address> left, Collection<Address> joined) {
        for (Address member : left) {
            heard.remove(key(member));
            registry.nodeGone(key(member));
        }
        for (Address member : joined) {
            queueState(member, false);
        }
    }

    /**
     * Sends this node's bound entries, read on the sender thread: every change queued before is in them and has a
     * lower version, every change queued after has a higher one, so the receiver can order them (RegistryVersions).
     */
    private void queueState(Address to, boolean askState) {
        send(to, () -> RegistryMessage.state(registry.boundEntries(), askState));
    }

    private void queue(Address to, RegistryMessage message) {
        send(to, () -> message);
    }

    private void send(Address to, java.util.function.Supplier<RegistryMessage> message) {
        try {
            sender.execute(() -> node.send(to, message.get().at(++version).encode()));
        } catch (RejectedExecutionException e) {
            if (!sender.isShutdown()) {
                warnBacklog();
            }
        }
    }

    private synchronized void warnBacklog() {
        long now = System.nanoTime();
        if (backlogWarnedAt != 0 && now - backlogWarnedAt < 60_000_000_000L) {
            return;
        }
        backlogWarnedAt = now;
        log.warn(
                "{} cluster: {} registry changes wait to be sent to the other members; later ones are not replicated "
                        + "until the next state exchange",
                LogId.CLUSTER_REGISTRY_BACKLOG,
                MAX_BACKLOG);
    }

    private synchronized void warnBadMessage(Address from, IllegalArgumentException e) {
        long now = System.nanoTime();
        if (badMessageWarnedAt != 0 && now - badMessageWarnedAt < 60_000_000_000L) {
            return;
        }
        badMessageWarnedAt = now;
        log.warn(
                "{} cluster: ignored a malformed registry message from {}: {}",
                LogId.CLUSTER_BAD_REGISTRY_MESSAGE,
                from,
                e.getMessage());
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
