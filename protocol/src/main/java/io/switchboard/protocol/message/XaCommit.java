package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import java.util.Objects;

/**
 * Client to server: XA commit of the branch {@code xid}: its calls are released to run, in the order submitted.
 * Answered ACK or ERROR.
 *
 * @param req      request id echoed in the answer
 * @param xid      the branch
 * @param onePhase true to commit a branch that was never prepared (XA's one-phase optimisation); absent is false
 */
public record XaCommit(long req, Xid xid, Boolean onePhase) implements Message {

    public XaCommit {
        Objects.requireNonNull(xid, "xid");
    }

    public boolean commitsInOnePhase() {
        return Boolean.TRUE.equals(onePhase);
    }

    @Override
    public FrameType frameType() {
        return FrameType.XA_COMMIT;
    }
}
