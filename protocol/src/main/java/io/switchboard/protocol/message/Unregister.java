package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** Client to server: remove the entry {@code instance} of {@code name}, and no other. Answered ACK or ERROR. */
public record Unregister(long req, String name, String instance) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.UNREGISTER;
    }
}
