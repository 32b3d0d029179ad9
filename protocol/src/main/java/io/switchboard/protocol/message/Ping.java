package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** Either direction: a heartbeat or a round-trip probe. The other side answers PONG with the same id. */
public record Ping(long id) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.PING;
    }
}
