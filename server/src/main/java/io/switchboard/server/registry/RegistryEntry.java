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
 */
record RegistryEntry(
        String name,
        String instance,
        String id,
        List<String> endpoints,
        Map<String, String> metadata,
        long ttlMs,
        long expiresAtMs,
        Connection owner) {

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
        return new RegistryEntry(name, instance, id, endpoints, metadata, ttlMs, nowMs + ttlMs, owner);
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
                + (hasTtl() ? " ttl " + ttlMs + " ms" : owner == null ? " server's own" : " bound to " + owner) + ", "
                + endpoints + "]";
    }
}
