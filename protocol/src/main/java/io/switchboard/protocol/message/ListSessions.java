package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** Client to server: which sessions are published? Answered LISTING. */
public record ListSessions(long req) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.LIST;
    }
}
