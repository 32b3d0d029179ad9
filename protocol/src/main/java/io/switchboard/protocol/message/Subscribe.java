package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** Client to server: tell me about {@code alias} now and whenever it is rescinded or republished. */
public record Subscribe(long req, String alias) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.SUBSCRIBE;
    }
}
