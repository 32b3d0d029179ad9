package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** Client to server: answer with the entries of {@code name} now, then send them again whenever they change. */
public record Watch(long req, String name) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.WATCH;
    }
}
