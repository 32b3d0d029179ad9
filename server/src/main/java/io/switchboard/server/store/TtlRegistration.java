package io.switchboard.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A registry entry with a TTL lifetime, as stored: it outlives its registering connection and a server restart
 * and expires at {@code expiresAt} unless refreshed.
 *
 * @param name       the registered name
 * @param instanceId the server-generated id of this registration; identifies the entry
 * @param endpoints  the endpoint URLs, in the registrant's order
 * @param metadata   free string metadata
 * @param ttl        how long a refresh keeps the entry alive
 * @param expiresAt  when the entry expires unless refreshed
 * @param registeredAt when the entry was first registered (microsecond precision): orders a name's entries; a
 *                     save of an instance already stored keeps the stored value
 */
public record TtlRegistration(
        String name,
        String instanceId,
        List<String> endpoints,
        Map<String, String> metadata,
        Duration ttl,
        Instant expiresAt,
        Instant registeredAt) {

    public TtlRegistration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instanceId, "instanceId");
        endpoints = List.copyOf(endpoints);
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(registeredAt, "registeredAt");
    }
}
