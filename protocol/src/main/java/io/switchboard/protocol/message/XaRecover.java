package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;

/** Client to server: the branches prepared and not yet committed or rolled back. Answered XA_XIDS. */
public record XaRecover(long req) implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.XA_RECOVER;
    }
}
