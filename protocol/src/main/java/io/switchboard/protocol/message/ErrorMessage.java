package io.switchboard.protocol.message;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.FrameType;

/**
 * Server to client: a control request failed, or the connection is about to close.
 *
 * @param req     the request it answers, or 0 for a connection-level error
 * @param code    what went wrong
 * @param message a sentence for people
 */
public record ErrorMessage(long req, ErrorCode code, String message) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.ERROR;
    }
}
