package io.switchboard.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One registrant of a registry name, as {@link Registry#resolve} and {@link EntriesListener} see it. Its instance
 * id (the registrant's key) is never shown.
 *
 * @param id        the entry's public id, stable while it lives (across server restarts for TTL entries)
 * @param endpoints the registrant's URLs, in its order of preference
 * @param metadata  its strings, in the order registered; empty for none
 * @param ttl       its time to live; empty for an entry bound to its registrant's connection
 */
public record RegistryEntry(String id, List<String> endpoints, Map<String, String> metadata, Optional<Duration> ttl) {

    public RegistryEntry {
        Objects.requireNonNull(id, "id");
        endpoints = List.copyOf(endpoints);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Objects.requireNonNull(ttl, "ttl");
    }
}
