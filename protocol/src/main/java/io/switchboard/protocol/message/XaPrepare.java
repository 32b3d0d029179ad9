package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import java.util.Objects;

/**
 * Client to server: XA prepare of the branch {@code xid} (docs/protocol.md, "Transactions (XA)"). Answered ACK or
 * ERROR.
 *
 * @param req request id echoed in the answer
 * @param xid the branch
 */
public record XaPrepare(long req, Xid xid) implements Message {

    public XaPrepare {
        Objects.requireNonNull(xid, "xid");
    }

    @Override
    public FrameType frameType() {
        return FrameType.XA_PREPARE;
    }
}
