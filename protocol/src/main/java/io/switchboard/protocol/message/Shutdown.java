package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/**
 * Server to client: the server is going away. New calls are answered {@code shutting-down}; outstanding
 * deliveries may finish within the grace period. Client to server, from a connection whose HELLO carried
 * the admin token: please shut down.
 *
 * @param graceMs how long outstanding deliveries may still take
 * @param reason  a sentence for people
 */
public record Shutdown(long graceMs, String reason) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.SHUTDOWN;
    }
}
