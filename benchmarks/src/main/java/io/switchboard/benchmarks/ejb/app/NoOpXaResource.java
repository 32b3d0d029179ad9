package io.switchboard.benchmarks.ejb.app;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The second resource of {@code benchmarks/run ejb --tx=xa-2pc}: an XAResource that does nothing and keeps
 * nothing, durable or not. Enlisted beside the adapter's, it makes the transaction manager see two resources, so
 * Narayana commits in two phases (prepare both, write its transaction log, commit both) instead of committing the
 * adapter's branch alone in one phase. It votes {@link #XA_OK} (not {@link #XA_RDONLY}, which would drop it from the
 * second phase) and is never the same resource manager as another, so it gets a branch of its own. One instance per
 * transaction; it has nothing to recover.
 */
final class NoOpXaResource implements XAResource {

    @Override
    public void start(Xid xid, int flags) {
        // nothing to associate
    }

    @Override
    public void end(Xid xid, int flags) {
        // nothing to dissociate
    }

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        // nothing to make visible
    }

    @Override
    public void rollback(Xid xid) {
        // nothing to undo
    }

    @Override
    public void forget(Xid xid) {
        // no heuristic outcome to forget
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }
}
