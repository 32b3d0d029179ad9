package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** Client to server: stop notifying me about {@code alias}. Answered ACK or ERROR. */
public record Unsubscribe(long req, String alias) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.UNSUBSCRIBE;
    }
}
