package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** The answer to PING, with its id. */
public record Pong(long id) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.PONG;
    }
}
