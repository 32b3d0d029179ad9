package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import java.util.List;

/**
 * Server to client: the answer to XA_RECOVER, every prepared branch the server holds (all of them, whoever prepared
 * them), oldest first.
 *
 * @param req  the XA_RECOVER it answers
 * @param xids the prepared branches
 */
public record XaXids(long req, List<Xid> xids) implements Message {

    public XaXids {
        xids = xids == null ? List.of() : List.copyOf(xids);
    }

    @Override
    public FrameType frameType() {
        return FrameType.XA_XIDS;
    }
}
