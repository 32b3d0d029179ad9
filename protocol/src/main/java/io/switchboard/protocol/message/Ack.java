package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** Server to client: the control request {@code req} succeeded. */
public record Ack(long req) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.ACK;
    }
}
