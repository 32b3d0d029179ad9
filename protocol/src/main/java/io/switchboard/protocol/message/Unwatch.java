package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** Client to server: stop sending the entries of {@code name}. Answered ACK or ERROR. */
public record Unwatch(long req, String name) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.UNWATCH;
    }
}
