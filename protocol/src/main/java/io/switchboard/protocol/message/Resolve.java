package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** Client to server: which entries does {@code name} have now? Answered ENTRIES (possibly empty). */
public record Resolve(long req, String name) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.RESOLVE;
    }
}
