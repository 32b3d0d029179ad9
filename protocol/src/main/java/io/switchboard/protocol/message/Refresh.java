package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/**
 * Client to server, the heartbeat of a TTL entry: it now lives its full TTL again. Answered ACK, or ERROR
 * {@code not-found} when the entry is gone (expired or unregistered: register anew).
 */
public record Refresh(long req, String instance) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.REFRESH;
    }
}
