package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** Client to server: stop routing calls for {@code alias} to this connection. Answered ACK or ERROR. */
public record Rescind(long req, String alias) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.RESCIND;
    }
}
