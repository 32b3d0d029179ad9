package io.switchboard.client;

import java.time.Duration;
import java.util.Optional;

/**
 * An entry this client put in the registry. A connection-bound one is registered again (under a new instance id)
 * after every reconnect, since the old one went with the old connection; a TTL one is refreshed automatically
 * (and registered anew should it have expired meanwhile). Closing unregisters it.
 */
public interface Registration extends AutoCloseable {

    String name();

    /** The current instance id: the key to the entry (refresh, unregister); changes when it is registered anew. */
    String instance();

    /** The entry's public id, as resolvers see it; changes with {@link #instance()}. */
    String id();

    /** The TTL; empty for a connection-bound entry. */
    Optional<Duration> ttl();

    /** Stops refreshing and UNREGISTERs the entry (bounded wait; when disconnected a TTL entry simply expires). */
    @Override
    void close();
}
