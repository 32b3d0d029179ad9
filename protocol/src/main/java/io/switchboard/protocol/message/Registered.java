package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/**
 * Server to client: the REGISTER {@code req} succeeded.
 *
 * @param instance the entry's instance id: unguessable, the one key to REFRESH and UNREGISTER it; keep it secret
 * @param id       the entry's public id, as RESOLVE and WATCH show it
 * @param ttlMs    the entry's time to live; absent for a connection-bound entry
 */
public record Registered(long req, String name, String instance, String id, Long ttlMs) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.REGISTERED;
    }
}
