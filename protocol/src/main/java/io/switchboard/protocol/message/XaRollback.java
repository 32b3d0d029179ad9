package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import java.util.Objects;

/**
 * Client to server: XA rollback of the branch {@code xid} (docs/protocol.md, "Transactions (XA)"). Answered ACK or
 * ERROR.
 *
 * @param req request id echoed in the answer
 * @param xid the branch
 */
public record XaRollback(long req, Xid xid) implements Message {

    public XaRollback {
        Objects.requireNonNull(xid, "xid");
    }

    @Override
    public FrameType frameType() {
        return FrameType.XA_ROLLBACK;
    }
}
