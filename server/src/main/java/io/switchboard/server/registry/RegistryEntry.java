package io.switchboard.server.registry;

import io.switchboard.protocol.message.Entries;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.store.TtlRegistration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of the registry, immutable: a renewal replaces it. Its lifetime is one of three:
 * <ul>
 *   <li>TTL ({@code ttlMs > 0}): stored, lives until {@code expiresAtMs} unless refreshed;
 *   <li>connection-bound ({@code owner} set): lives as long as the registering connection;
 *   <li>the server's own (neither): lives as long as the server.
 * </ul>
 * In a cluster, an entry of the last two kinds registered on another node has {@code node} set (that node's key) and
 * no owner here: it lives until that node says it is gone, or leaves the view. TTL entries are shared, node null.
 */
record RegistryEntry(
        String name,
        String instance,
        String id,
        List<String> endpoints,
        Map<String, String> metadata,
        long ttlMs,
        long expiresAtMs,
        Connection owner,
        String node) {

    RegistryEntry(
            String name,
            String instance,
            String id,
            List<String> endpoints,
            Map<String, String> metadata,
            long ttlMs,
            long expiresAtMs,
            Connection owner) {
        this(name, instance, id, endpoints, metadata, ttlMs, expiresAtMs, owner, null);
    }

    /** Another node's entry: a TTL entry (shared) or one bound there ({@code node} set). */
    static RegistryEntry fromNode(String node, SharedEntry shared) {
        return new RegistryEntry(
                shared.name(),
                shared.instance(),
                InstanceIds.publicId(shared.instance()),
                List.copyOf(shared.endpoints()),
                copy(shared.metadata()),
                shared.ttlMs(),
                shared.expiresAtMs(),
                null,
                shared.hasTtl() ? null : node);
    }

    /** What other nodes are told of this entry. */
    SharedEntry shared() {
        return new SharedEntry(name, instance, endpoints, metadata, ttlMs, expiresAtMs);
    }

    /** Whether it is bound to a connection or server on another node (then it lives as long as that says). */
    boolean isFromAnotherNode() {
        return node != null;
    }

    static RegistryEntry connectionBound(
            String name, String instance, List<String> endpoints, Map<String, String> metadata, Connection owner) {
        return new RegistryEntry(
                name, instance, InstanceIds.publicId(instance), List.copyOf(endpoints), copy(metadata), 0, 0, owner);
    }

    static RegistryEntry ttl(
            String name,
            String instance,
            List<String> endpoints,
            Map<String, String> metadata,
            long ttlMs,
            long expiresAtMs) {
        return new RegistryEntry(
                name,
                instance,
                InstanceIds.publicId(instance),
                List.copyOf(endpoints),
                copy(metadata),
                ttlMs,
                expiresAtMs,
                null);
    }

    static RegistryEntry serverOwn(String name, List<String> endpoints, Map<String, String> metadata) {
        String instance = InstanceIds.next();
        return new RegistryEntry(
                name, instance, InstanceIds.publicId(instance), List.copyOf(endpoints), copy(metadata), 0, 0, null);
    }

    static RegistryEntry fromStore(TtlRegistration stored) {
        return ttl(
                stored.name(),
                stored.instanceId(),
                stored.endpoints(),
                stored.metadata(),
                stored.ttl().toMillis(),
                stored.expiresAt().toEpochMilli());
    }

    boolean hasTtl() {
        return ttlMs > 0;
    }

    /** The same TTL entry, living its full TTL again from {@code nowMs}. */
    RegistryEntry refreshed(long nowMs) {
        return new RegistryEntry(name, instance, id, endpoints, metadata, ttlMs, nowMs + ttlMs, owner, node);
    }

    /**
     * @param registeredAt when the entry is first stored; a save of an instance already stored keeps its own, so a
     *                     refresh or renewal keeps the entry's place among the name's entries
     */
    TtlRegistration toStored(Instant registeredAt) {
        return new TtlRegistration(
                name,
                instance,
                endpoints,
                metadata,
                Duration.ofMillis(ttlMs),
                Instant.ofEpochMilli(expiresAtMs),
                registeredAt);
    }

    Entries.Entry toWire() {
        return new Entries.Entry(id, endpoints, metadata, hasTtl() ? ttlMs : null);
    }

    private static Map<String, String> copy(Map<String, String> metadata) {
        // A LinkedHashMap keeps the registrant's order; Map.copyOf would not.
        return metadata == null || metadata.isEmpty()
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    @Override
    public String toString() {
        return "RegistryEntry[" + name + " " + id
                + (hasTtl()
                        ? " ttl " + ttlMs + " ms"
                        : node != null ? " of node " + node : owner == null ? " server's own" : " bound to " + owner)
                + ", "
                + endpoints + "]";
    }
}
