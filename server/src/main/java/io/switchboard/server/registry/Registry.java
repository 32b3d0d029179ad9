package io.switchboard.server.registry;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.switchboard.protocol.codec.Pages;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.Message;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.store.Store;
import io.switchboard.server.store.TtlRegistration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state: the entries of every name, who watches which name, and the expiry timers of TTL entries.
 *
 * <p>Every change of a name runs inside {@link ConcurrentHashMap#compute} on that name, so the change, the
 * watchers' notification, a concurrent WATCH's first answer and the store write it causes are ordered the same for
 * everybody (the store's single writer commits in the order writes are queued). Entries are found by instance id,
 * never by name alone: removing one instance never touches another.
 *
 * <p>A TTL entry expires by its own timer at its expiry time, not by a periodic sweep.
 */
public final class Registry {

    private static final Logger log = LoggerFactory.getLogger(Registry.class);

    /** What became of a change asked for by instance id. */
    enum Outcome {
        DONE,
        NOT_FOUND,
        WRONG_LIFETIME,
        NOT_OWNER
    }

    private final Store store;
    private final Timer timer;
    private final LongSupplier clock;
    private final AtomicLong lastRegistrationMicros = new AtomicLong();
    /** Name to its entries by instance id, in registration order. Read and changed only inside compute(name). */
    private final ConcurrentHashMap<String, LinkedHashMap<String, RegistryEntry>> names = new ConcurrentHashMap<>();
    /** Instance id to the name it is registered under. */
    private final Map<String, String> nameOfInstance = new ConcurrentHashMap<>();
    /** Expiry timers of TTL entries by instance id; changed inside compute(name). */
    private final Map<String, Timeout> expiries = new ConcurrentHashMap<>();

    private final Map<String, Set<Connection>> watchers = new ConcurrentHashMap<>();
    /** What each connection registered (connection-bound) and watches, to clean up when it closes. */
    private final Map<Connection, ConnectionRecord> byConnection = new ConcurrentHashMap<>();

    /** The connection-bound instances, the TTL instances it registered and the watched names of one connection. */
    private static final class ConnectionRecord {
        final Set<String> instances = ConcurrentHashMap.newKeySet();
        /** TTL entries outlive the connection; tracked only to count them against its cap while they live. */
        final Set<String> ttlInstances = ConcurrentHashMap.newKeySet();

        final Set<String> watched = ConcurrentHashMap.newKeySet();
    }

    /** The server's own names (its name and aliases): only the server registers under them. */
    private volatile Set<String> reserved = Set.of();

    /** Other cluster nodes, told of this node's changes; NONE without a cluster. */
    private volatile RegistryReplication replication = RegistryReplication.NONE;
    /** Several nodes share the store's TTL entries: an expiry removes only rows that expired by then. */
    private volatile boolean sharedStore;

    private long remoteOverCapWarnedAt;

    private volatile int maxRegistrationsPerConnection = 1024;
    private volatile int maxWatchesPerConnection = 1024;
    private volatile int maxEntries = 100_000;

    /**
     * @param clock milliseconds since the epoch (TTL expiry times are stored as instants, so they mean the same after
     *              a restart)
     */
    public Registry(Store store, Timer timer, LongSupplier clock) {
        this.store = store;
        this.timer = timer;
        this.clock = clock;
    }

    public Registry(Store store, Timer timer) {
        this(store, timer, System::currentTimeMillis);
    }

    /**
     * Reserves the server's own names (W6): a client's REGISTER under one is refused, and stored entries under one
     * are dropped at {@link #load()}, so nothing can be listed before the server's own endpoint. Before load.
     */
    public void reserve(java.util.Collection<String> names) {
        this.reserved = Set.copyOf(names);
    }

    /** Whether {@code name} is one of the server's own names. */
    boolean isReserved(String name) {
        return reserved.contains(name);
    }

    /**
     * The caps: per connection ({@code max-registrations-per-connection}, {@code max-watches-per-connection}) and in
     * all ({@code max-registry-entries}: TTL entries outlive their connection, so only a server-wide cap bounds what
     * reconnecting clients can leave behind).
     */
    public void limits(int maxRegistrations, int maxWatches, int maxEntries) {
        this.maxRegistrationsPerConnection = maxRegistrations;
        this.maxWatchesPerConnection = maxWatches;
        this.maxEntries = maxEntries;
    }

    /**
     * Why {@code connection} may not register one more entry, or null when it may. Runs on the connection's event
     * loop, where its requests are handled one at a time, so nothing of its own can slip in between check and add.
     */
    String registrationRefusal(Connection connection) {
        if (nameOfInstance.size() >= maxEntries) {
            return "the registry holds " + maxEntries + " entries, the most max-registry-entries allows; UNREGISTER "
                    + "some or let TTL entries expire first";
        }
        ConnectionRecord record = byConnection.get(connection);
        if (record == null || record.instances.size() + record.ttlInstances.size() < maxRegistrationsPerConnection) {
            return null;
        }
        // Only at the cap: forget entries that were unregistered or expired since, then count again.
        record.instances.removeIf(instance -> !nameOfInstance.containsKey(instance));
        record.ttlInstances.removeIf(instance -> !nameOfInstance.containsKey(instance));
        if (record.instances.size() + record.ttlInstances.size() < maxRegistrationsPerConnection) {
            return null;
        }
        return "this connection has " + maxRegistrationsPerConnection + " registry entries registered already "
                + "(max-registrations-per-connection); UNREGISTER some or let them expire first";
    }

    /** Why {@code connection} may not watch {@code name} too, or null when it may (watching it again is allowed). */
    String watchRefusal(Connection connection, String name) {
        ConnectionRecord record = byConnection.get(connection);
        if (record == null || record.watched.size() < maxWatchesPerConnection || record.watched.contains(name)) {
            return null;
        }
        return "this connection watches " + maxWatchesPerConnection + " names already (max-watches-per-connection); "
                + "UNWATCH some first";
    }

    /**
     * Each name with its number of entries, sorted by name, for the monitoring port's {@code /registryz}. Read
     * without the per-name lock: a count may be a moment old.
     */
    public java.util.SortedMap<String, Integer> entryCounts() {
        java.util.SortedMap<String, Integer> counts = new java.util.TreeMap<>();
        names.forEach((name, entries) -> {
            int size = entries.size();
            if (size > 0) {
                counts.put(name, size);
            }
        });
        return counts;
    }

    /**
     * Loads the stored TTL entries at start-up: each expires at its stored time; those whose time passed while the
     * server was down are removed from the store now. Before serving.
     *
     * @return the number of entries loaded
     */
    public int load() {
        long now = clock.getAsLong();
        int loaded = 0;
        int expired = 0;
        int squatted = 0;
        for (TtlRegistration stored : store.loadRegistrations()) {
            if (stored.expiresAt().toEpochMilli() <= now) {
                expired++;
                continue;
            }
            if (reserved.contains(stored.name())) {
                // Stored before the name was reserved (or by an older version): the server's name is its own.
                squatted++;
                purge(stored);
                continue;
            }
            RegistryEntry entry = RegistryEntry.fromStore(stored);
            names.compute(entry.name(), (name, entries) -> {
                LinkedHashMap<String, RegistryEntry> map = entries == null ? new LinkedHashMap<>() : entries;
                put(map, entry);
                return map;
            });
            loaded++;
        }
        if (expired > 0) {
            int passed = expired;
            store.removeExpiredRegistrations(Instant.ofEpochMilli(now)).whenComplete((n, e) -> {
                if (e != null) {
                    log.warn(
                            "{} removing {} registry entries that expired while the server was down failed: {}",
                            LogId.REGISTRY_EXPIRED_NOT_REMOVED,
                            passed,
                            e.toString());
                }
            });
        }
        if (squatted > 0) {
            log.warn(
                    "{} registry: dropped {} stored entries under the server's own names {}: only the server registers "
                            + "there",
                    LogId.REGISTRY_OWN_NAMES_DROPPED,
                    squatted,
                    reserved);
        }
        log.info("registry: {} TTL entries loaded from {}, {} had expired", loaded, store.location(), expired);
        return loaded;
    }

    private void purge(TtlRegistration stored) {
        store.removeRegistration(stored.instanceId()).whenComplete((found, e) -> {
            if (e != null) {
                log.warn(
                        "{} removing the stored entry {} under the server's own name failed: {}",
                        LogId.REGISTRY_OWN_ENTRY_NOT_REMOVED,
                        stored.name(),
                        e.toString());
            }
        });
    }

    /** The server's own entry, present while it runs; never stored. */
    public void registerOwn(String name, List<String> endpoints, Map<String, String> metadata) {
        add(RegistryEntry.serverOwn(name, endpoints, metadata));
    }

    /**
     * Adds a new entry and tells the name's watchers. A TTL entry is stored; the future completes when it is
     * committed (at once for other lifetimes).
     */
    CompletableFuture<Void> add(RegistryEntry entry) {
        return add(entry, entry.owner());
    }

    /** As {@link #add(RegistryEntry)}; {@code registrant} (null for the server's own) is counted against its cap. */
    CompletableFuture<Void> add(RegistryEntry entry, Connection registrant) {
        if (entry.owner() != null) {
            track(entry.owner()).instances.add(entry.instance());
        } else if (registrant != null) {
            track(registrant).ttlInstances.add(entry.instance());
        }
        CompletableFuture<Void> saved = new CompletableFuture<>();
        names.compute(entry.name(), (name, entries) -> {
            LinkedHashMap<String, RegistryEntry> map = entries == null ? new LinkedHashMap<>() : entries;
            put(map, entry);
            notifyWatchers(name, map);
            replication.put(entry.shared());
            relay(
                    entry.hasTtl()
                            ? store.saveRegistration(entry.toStored(registrationTime()))
                            : CompletableFuture.completedFuture(null),
                    saved);
            return map;
        });
        if (entry.owner() != null && !entry.owner().channel().isOpen()) {
            dropOwned(entry.owner(), entry.instance()); // it closed before the entry was tracked
        }
        return saved;
    }

    /**
     * Renews the entry {@code instance} of {@code name} with new endpoints, metadata and TTL (a re-REGISTER). A TTL
     * entry stays a TTL entry, a connection-bound one stays bound to its connection.
     */
    CompletableFuture<Outcome> renew(String name, String instance, Connection by, RegistryEntry replacement) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        boolean[] found = {false};
        names.computeIfPresent(name, (n, map) -> {
            RegistryEntry old = map.get(instance);
            if (old == null) {
                return map;
            }
            found[0] = true;
            if (old.isFromAnotherNode()) {
                done.complete(Outcome.NOT_OWNER); // bound to a connection on another node of the cluster
                return map;
            }
            if (old.hasTtl() != replacement.hasTtl() || (!old.hasTtl() && old.owner() == null)) {
                done.complete(Outcome.WRONG_LIFETIME);
                return map;
            }
            if (!old.hasTtl() && old.owner() != by) {
                done.complete(Outcome.NOT_OWNER);
                return map;
            }
            put(map, replacement);
            notifyWatchers(n, map);
            replication.put(replacement.shared());
            CompletableFuture<Void> saved = new CompletableFuture<>();
            relay(
                    replacement.hasTtl()
                            ? store.saveRegistration(replacement.toStored(registrationTime()))
                            : CompletableFuture.completedFuture(null),
                    saved);
            saved.whenComplete((v, e) -> {
                if (e == null) {
                    done.complete(Outcome.DONE);
                } else {
                    done.completeExceptionally(e);
                }
            });
            return map;
        });
        return orNotFound(done, found);
    }

    /** The TTL entry {@code instance} lives its full TTL again from now; stored before the future completes. */
    CompletableFuture<Outcome> refresh(String instance) {
        String name = nameOfInstance.get(instance);
        if (name == null) {
            return CompletableFuture.completedFuture(Outcome.NOT_FOUND);
        }
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        boolean[] found = {false};
        names.computeIfPresent(name, (n, map) -> {
            RegistryEntry old = map.get(instance);
            if (old == null) {
                return map;
            }
            found[0] = true;
            if (!old.hasTtl()) {
                done.complete(Outcome.WRONG_LIFETIME);
                return map;
            }
            RegistryEntry refreshed = old.refreshed(clock.getAsLong());
            put(map, refreshed);
            replication.put(refreshed.shared()); // the other nodes' expiry timers move too
            store.saveRegistration(refreshed.toStored(registrationTime())).whenComplete((v, e) -> {
                if (e == null) {
                    done.complete(Outcome.DONE);
                } else {
                    done.completeExceptionally(e);
                }
            });
            return map;
        });
        return orNotFound(done, found);
    }

    /** Removes the entry {@code instance} of {@code name}, and only it; the store too for a TTL entry. */
    CompletableFuture<Outcome> remove(String name, String instance) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        boolean[] found = {false};
        names.computeIfPresent(name, (n, map) -> {
            RegistryEntry removed = map.get(instance);
            if (removed == null || (!removed.hasTtl() && removed.owner() == null)) {
                return map; // the server's own entries go with the server
            }
            found[0] = true;
            LinkedHashMap<String, RegistryEntry> rest = take(map, removed);
            replication.removed(n, instance);
            if (removed.hasTtl()) {
                store.removeRegistration(instance).whenComplete((removedFromStore, e) -> {
                    if (e == null) {
                        done.complete(Outcome.DONE);
                    } else {
                        done.completeExceptionally(e);
                    }
                });
            } else {
                done.complete(Outcome.DONE);
            }
            return rest;
        });
        return orNotFound(done, found);
    }

    /**
     * Tells {@code replication} of this node's changes from now on, and expires TTL entries as a member of a cluster
     * sharing the store. Call once, before serving.
     */
    public void replicateTo(RegistryReplication replication) {
        this.replication = replication;
        this.sharedStore = true;
    }

    /**
     * Another node's entry, registered, renewed or refreshed there: entered or replaced here, watchers told; neither
     * stored (the other node did) nor told further. A new one is dropped while the registry holds
     * {@code max-registry-entries} entries (CLUSTER_REGISTRY_OVER_CAP).
     *
     * @param node the other node's key
     */
    public void putRemote(String node, SharedEntry shared) {
        RegistryEntry entry = RegistryEntry.fromNode(node, shared);
        if (!nameOfInstance.containsKey(entry.instance()) && nameOfInstance.size() >= maxEntries) {
            warnRemoteOverCap(node);
            return;
        }
        names.compute(entry.name(), (name, entries) -> {
            LinkedHashMap<String, RegistryEntry> map = entries == null ? new LinkedHashMap<>() : entries;
            RegistryEntry old = map.get(entry.instance());
            if (old != null && old.owner() != null) {
                return map; // bound to a connection here: nobody else speaks for it
            }
            put(map, entry);
            if (old == null || !old.toWire().equals(entry.toWire())) {
                notifyWatchers(name, map); // a REFRESH changes nothing visible, here as on its node
            }
            return map;
        });
    }

    /** Another node removed the entry (an UNREGISTER, its registrant's connection closing): gone here too. */
    public void removeRemote(String name, String instance) {
        names.computeIfPresent(name, (n, map) -> {
            RegistryEntry entry = map.get(instance);
            return entry != null && entry.owner() == null && (entry.hasTtl() || entry.isFromAnotherNode())
                    ? take(map, entry)
                    : map;
        });
    }

    /**
     * The entries bound on {@code node} are now {@code entries} (its full state) and those in {@code keep} (changed
     * after the state was taken): its others go.
     */
    public void stateOf(String node, List<SharedEntry> entries, Set<String> keep) {
        Set<String> kept = new java.util.HashSet<>(keep);
        for (SharedEntry shared : entries) {
            if (!shared.hasTtl()) {
                kept.add(shared.instance());
                putRemote(node, shared);
            }
        }
        dropNode(node, kept);
    }

    /** {@code node} left the cluster: the entries bound there go (TTL entries stay: they are shared). */
    public void nodeGone(String node) {
        dropNode(node, Set.of());
    }

    private void dropNode(String node, Set<String> except) {
        for (Map.Entry<String, LinkedHashMap<String, RegistryEntry>> e : names.entrySet()) {
            names.computeIfPresent(e.getKey(), (n, map) -> {
                LinkedHashMap<String, RegistryEntry> rest = map;
                for (RegistryEntry entry : List.copyOf(map.values())) {
                    if (node.equals(entry.node()) && !except.contains(entry.instance()) && rest != null) {
                        rest = take(rest, entry);
                    }
                }
                return rest;
            });
        }
    }

    /** The entries this node keeps for itself (bound to its connections, and its own): what other nodes are sent. */
    public List<SharedEntry> boundEntries() {
        List<SharedEntry> bound = new ArrayList<>();
        for (String name : names.keySet()) {
            names.computeIfPresent(name, (n, map) -> {
                for (RegistryEntry entry : map.values()) {
                    if (!entry.hasTtl() && !entry.isFromAnotherNode()) {
                        bound.add(entry.shared());
                    }
                }
                return map;
            });
        }
        return bound;
    }

    /**
     * Makes the TTL entries what the shared store holds now: those missing here are entered, those it no longer holds
     * go. A node that joined a cluster calls it once it hears the others' changes, so that nothing another node
     * changed between this node's {@link #load()} and then is missed.
     *
     * @return the number of entries entered or removed
     */
    public int syncShared() {
        long now = clock.getAsLong();
        Map<String, TtlRegistration> stored = new HashMap<>();
        for (TtlRegistration row : store.loadRegistrations()) {
            if (row.expiresAt().toEpochMilli() > now && !reserved.contains(row.name())) {
                stored.put(row.instanceId(), row);
            }
        }
        int changed = 0;
        for (String name : names.keySet()) {
            for (RegistryEntry entry :
                    List.copyOf(names.getOrDefault(name, new LinkedHashMap<>()).values())) {
                if (entry.hasTtl() && stored.remove(entry.instance()) == null) {
                    removeRemote(name, entry.instance());
                    changed++;
                }
            }
        }
        for (TtlRegistration row : stored.values()) {
            if (!nameOfInstance.containsKey(row.instanceId())) {
                putRemote(null, RegistryEntry.fromStore(row).shared());
                changed++;
            }
        }
        return changed;
    }

    private synchronized void warnRemoteOverCap(String node) {
        long now = System.nanoTime();
        if (remoteOverCapWarnedAt != 0 && now - remoteOverCapWarnedAt < 60_000_000_000L) {
            return;
        }
        remoteOverCapWarnedAt = now;
        log.warn(
                "{} registry: an entry of node {} is left out: the registry holds {} entries (max-registry-entries)",
                LogId.CLUSTER_REGISTRY_OVER_CAP,
                node,
                maxEntries);
    }

    /** The entries of {@code name} now, oldest first. */
    List<Entries.Entry> resolve(String name) {
        List<List<Entries.Entry>> snapshot = new ArrayList<>(1);
        names.computeIfPresent(name, (n, map) -> {
            snapshot.add(wire(map));
            return map;
        });
        return snapshot.isEmpty() ? List.of() : snapshot.get(0);
    }

    /** Adds the watcher and sends it {@code name}'s entries now with {@code req}, in one step with any change. */
    void watch(Connection connection, long req, String name) {
        track(connection).watched.add(name);
        names.compute(name, (n, map) -> {
            watchers.computeIfAbsent(n, x -> ConcurrentHashMap.newKeySet()).add(connection);
            connection.sendPages(map == null ? List.of() : wire(map), entriesPages(req, n));
            return map;
        });
        if (!connection.channel().isOpen()) {
            dropWatcher(connection, name); // it closed before the watch was tracked
        }
    }

    /** @return false when {@code connection} did not watch {@code name} */
    boolean unwatch(Connection connection, String name) {
        ConnectionRecord record = byConnection.get(connection);
        if (record == null || !record.watched.remove(name)) {
            return false;
        }
        names.compute(name, (n, map) -> {
            dropWatcher(connection, n);
            return map;
        });
        return true;
    }

    private ConnectionRecord track(Connection connection) {
        ConnectionRecord record = byConnection.get(connection);
        if (record != null) {
            return record;
        }
        ConnectionRecord fresh = new ConnectionRecord();
        record = byConnection.putIfAbsent(connection, fresh);
        if (record != null) {
            return record;
        }
        // Covers a close for any reason: the client's, an error, missed heartbeats (the heartbeat handler closes
        // silent connections). Added outside the map's compute: on a closed channel it runs at once.
        connection.channel().closeFuture().addListener(f -> connectionClosed(connection));
        return fresh;
    }

    /** Inside compute(name) or alone: drops a connection-bound entry if it is still there. */
    private void dropOwned(Connection connection, String instance) {
        String name = nameOfInstance.get(instance);
        if (name != null) {
            names.computeIfPresent(name, (n, map) -> {
                RegistryEntry entry = map.get(instance);
                if (entry == null || entry.owner() != connection) {
                    return map;
                }
                replication.removed(n, instance);
                return take(map, entry);
            });
        }
    }

    private void dropWatcher(Connection connection, String name) {
        watchers.computeIfPresent(name, (x, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /** Removes the connection-bound entries of a closed connection and its watches; watchers are told. */
    void connectionClosed(Connection connection) {
        ConnectionRecord record = byConnection.remove(connection);
        if (record == null) {
            return;
        }
        for (String instance : record.instances) {
            dropOwned(connection, instance);
        }
        for (String name : record.watched) {
            dropWatcher(connection, name);
        }
    }

    /**
     * A strictly increasing registration time in microseconds, so stored entries load back in registration order
     * (RESOLVE lists oldest first) even when several register within one millisecond.
     */
    private Instant registrationTime() {
        long micros = lastRegistrationMicros.updateAndGet(last -> Math.max(last + 1, clock.getAsLong() * 1000));
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** Inside compute(name): enters or replaces the entry, (re)arming its expiry. */
    private void put(LinkedHashMap<String, RegistryEntry> map, RegistryEntry entry) {
        map.put(entry.instance(), entry);
        nameOfInstance.put(entry.instance(), entry.name());
        if (entry.hasTtl()) {
            long delay = Math.max(0, entry.expiresAtMs() - clock.getAsLong());
            Timeout expiry = timer.newTimeout(t -> expire(entry), delay, TimeUnit.MILLISECONDS);
            Timeout previous = expiries.put(entry.instance(), expiry);
            if (previous != null) {
                previous.cancel();
            }
        }
    }

    /** Inside compute(name): removes the entry, tells the watchers; the name goes when its last entry does. */
    private LinkedHashMap<String, RegistryEntry> take(LinkedHashMap<String, RegistryEntry> map, RegistryEntry entry) {
        map.remove(entry.instance());
        nameOfInstance.remove(entry.instance());
        Timeout expiry = expiries.remove(entry.instance());
        if (expiry != null) {
            expiry.cancel();
        }
        notifyWatchers(entry.name(), map);
        return map.isEmpty() ? null : map;
    }

    /** The timer of {@code entry} fired: it goes unless it was renewed meanwhile (then it is another object). */
    private void expire(RegistryEntry entry) {
        names.computeIfPresent(entry.name(), (n, map) -> {
            if (map.get(entry.instance()) != entry) {
                return map;
            }
            log.debug("registry entry {} expired", entry);
            LinkedHashMap<String, RegistryEntry> rest = take(map, entry);
            // Every node of a cluster expires the entry by its own timer and removes it: only if it expired by now, so
            // that a REFRESH another node stored meanwhile is not undone (removing twice is harmless).
            CompletableFuture<?> removal = sharedStore
                    ? store.removeExpiredRegistrations(Instant.ofEpochMilli(clock.getAsLong()))
                    : store.removeRegistration(entry.instance());
            removal.whenComplete((found, e) -> {
                if (e != null) {
                    log.warn(
                            "{} removing expired registry entry {} from {} failed: {}",
                            LogId.REGISTRY_ENTRY_NOT_REMOVED,
                            entry,
                            store.location(),
                            e.toString());
                }
            });
            return rest;
        });
    }

    private void notifyWatchers(String name, LinkedHashMap<String, RegistryEntry> map) {
        Set<Connection> set = watchers.get(name);
        if (set == null || set.isEmpty()) {
            return;
        }
        List<Entries.Entry> entries = wire(map);
        // Paged once per codec and mode among the watchers; all pages of one change are queued inside
        // compute(name), so the pages of two changes of a name never interleave.
        Map<Pages.Peer, List<Message>> pages = new HashMap<>(4);
        for (Connection watcher : set) {
            watcher.sendAll(
                    pages.computeIfAbsent(watcher.peer(), peer -> Pages.of(entries, entriesPages(0, name), peer)));
        }
    }

    /** Builds the ENTRIES pages of {@code name} answering {@code req} (0 for a watch notification). */
    static Pages.PageBuilder<Entries.Entry> entriesPages(long req, String name) {
        return (entries, more) -> new Entries(req, name, entries, more ? true : null);
    }

    private static List<Entries.Entry> wire(LinkedHashMap<String, RegistryEntry> map) {
        List<Entries.Entry> entries = new ArrayList<>(map.size());
        for (RegistryEntry entry : map.values()) {
            entries.add(entry.toWire());
        }
        return entries;
    }

    /** The entry was not there (no change was made): the future says so. */
    private static CompletableFuture<Outcome> orNotFound(CompletableFuture<Outcome> done, boolean[] found) {
        if (!found[0]) {
            done.complete(Outcome.NOT_FOUND);
        }
        return done;
    }

    private static void relay(CompletableFuture<?> from, CompletableFuture<Void> to) {
        from.whenComplete((v, e) -> {
            if (e == null) {
                to.complete(null);
            } else {
                to.completeExceptionally(e);
            }
        });
    }
}
