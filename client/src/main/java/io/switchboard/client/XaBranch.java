package io.switchboard.client;

import io.switchboard.protocol.message.Xid;

/** What a client knows of one XA branch it submitted calls in: whether it committed it. */
final class XaBranch {

    private final Xid xid;
    private volatile boolean committed;

    XaBranch(Xid xid) {
        this.xid = xid;
    }

    Xid xid() {
        return xid;
    }

    boolean committed() {
        return committed;
    }

    void markCommitted() {
        committed = true;
    }
}
