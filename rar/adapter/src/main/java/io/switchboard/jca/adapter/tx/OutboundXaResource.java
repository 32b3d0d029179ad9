package io.switchboard.jca.adapter.tx;

import io.switchboard.protocol.message.Xid;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;

/**
 * A managed connection's {@code XAResource}: maps the transaction manager's verbs onto the client's
 * ({@code SwitchboardClient.xa()}) as docs/transactions.md's table says. {@code start}/{@code end} only remember
 * which branch the connection works for: the managed connection's submits then go into that branch
 * ({@code xa().submit(xid, ...)}), its front-door sends wait in the branch until the commit's ACK. The server opens
 * the branch with its first call, so a branch without calls is unknown there: its prepare answers {@code XA_RDONLY}
 * without asking.
 *
 * <p>The server's unprepared branch belongs to the one physical connection that opened it, so
 * {@link #isSameRM(XAResource)} is true only for this very instance. Prepared branches can be committed, rolled back
 * and recovered through any connection, also a fresh one without handles (WildFly's recovery).
 */
public final class OutboundXaResource implements XAResource {

    private static final Logger LOG = Logger.getLogger(OutboundXaResource.class.getName());

    /** What this resource knows of a branch it started. */
    private static final class Branch {
        final DeferredCalls deferred;
        volatile boolean hasCalls;
        volatile boolean prepared;
        /** Ended with TMFAIL: only a rollback may follow. */
        volatile boolean rollbackOnly;

        Branch(int deferredLimit) {
            this.deferred = new DeferredCalls(deferredLimit);
        }
    }

    private final BranchConnection connection;
    private final int deferredLimit;
    private final Map<Xid, Branch> branches = new ConcurrentHashMap<>();
    private volatile Xid associated;
    private volatile int timeoutSeconds;

    /**
     * @param connection    the managed connection's XA verbs
     * @param deferredLimit at most this many front-door sends wait in one branch for its commit
     */
    public OutboundXaResource(BranchConnection connection, int deferredLimit) {
        this.connection = connection;
        this.deferredLimit = deferredLimit;
    }

    // ---- what the managed connection asks ----

    /** The branch the managed connection works for now; null outside any. */
    public Xid associatedBranch() {
        return associated;
    }

    /** A call is about to be submitted in {@code xid}: from now on the server knows the branch. */
    public void callSubmitted(Xid xid) {
        branch(xid).hasCalls = true;
    }

    /** Where front-door sends made in {@code xid} wait for its commit. */
    public DeferredCalls deferredCallsOf(Xid xid) {
        return branch(xid).deferred;
    }

    private Branch branch(Xid xid) {
        Branch branch = branches.get(xid);
        if (branch == null) {
            throw new IllegalStateException("XA branch " + xid + " is not active on this connection: it was rolled "
                    + "back (the transaction timed out?) or never started");
        }
        return branch;
    }

    // ---- XAResource ----

    @Override
    public synchronized void start(javax.transaction.xa.Xid xaXid, int flags) throws XAException {
        Xid xid = branchXid(xaXid);
        Xid current = associated;
        if (current != null) {
            throw XaFailures.refused(
                    XAException.XAER_PROTO,
                    "start of " + xid + ": this connection works for branch " + current + " until its end");
        }
        if ((flags & TMRESUME) != 0) {
            if (!branches.containsKey(xid)) {
                throw XaFailures.refused(XAException.XAER_NOTA, "resume of " + xid + ": not suspended here");
            }
        } else if ((flags & TMJOIN) != 0) {
            branches.computeIfAbsent(xid, x -> new Branch(deferredLimit));
        } else if (branches.putIfAbsent(xid, new Branch(deferredLimit)) != null) {
            throw XaFailures.refused(XAException.XAER_DUPID, "start of " + xid + ": started already");
        }
        associated = xid;
    }

    @Override
    public synchronized void end(javax.transaction.xa.Xid xaXid, int flags) throws XAException {
        Xid xid = branchXid(xaXid);
        if (!xid.equals(associated)) {
            throw XaFailures.refused(
                    XAException.XAER_PROTO,
                    "end of " + xid + ": this connection works for " + (associated == null ? "no branch" : associated));
        }
        associated = null;
        Branch branch = branches.get(xid); // null if rolled back meanwhile (the transaction timed out)
        if (branch != null && (flags & TMFAIL) != 0) {
            branch.rollbackOnly = true;
        }
    }

    @Override
    public int prepare(javax.transaction.xa.Xid xaXid) throws XAException {
        Xid xid = branchXid(xaXid);
        Branch branch = branches.get(xid);
        if (branch != null && branch.rollbackOnly) {
            rollback(xaXid);
            throw XaFailures.refused(XAException.XA_RBROLLBACK, "prepare of " + xid + ": the branch ended failed");
        }
        if (branch != null && !branch.hasCalls) {
            if (branch.deferred.isEmpty()) {
                branches.remove(xid);
                return XA_RDONLY; // nothing of this branch on the server, nothing to send after the commit
            }
            branch.prepared = true; // only front-door sends, held here until the commit
            return XA_OK;
        }
        try {
            verb("prepare of branch " + xid, xa -> {
                xa.prepare(xid);
                return null;
            });
        } catch (XAException e) {
            if (isRollback(e) && branch != null) {
                forget(xid, branch); // the server rolled the branch back
            }
            throw e;
        }
        if (branch != null) {
            branch.prepared = true;
        }
        return XA_OK;
    }

    @Override
    public void commit(javax.transaction.xa.Xid xaXid, boolean onePhase) throws XAException {
        Xid xid = branchXid(xaXid);
        Branch branch = branches.get(xid);
        if (branch != null && branch.rollbackOnly) {
            rollback(xaXid);
            throw XaFailures.refused(XAException.XA_RBROLLBACK, "commit of " + xid + ": the branch ended failed");
        }
        if (branch == null || branch.hasCalls) {
            try {
                verb("commit of branch " + xid + (onePhase ? " (one-phase)" : ""), xa -> {
                    xa.commit(xid, onePhase);
                    return null;
                });
            } catch (XAException e) {
                if (branch != null && (isRollback(e) || e.errorCode == XAException.XAER_NOTA)) {
                    forget(xid, branch);
                }
                throw e; // XAER_RMFAIL keeps the branch: the transaction manager retries
            }
        }
        if (branch != null) {
            branches.remove(xid);
            branch.deferred.sendAll(); // after the commit's ACK; their failures are logged
        }
    }

    @Override
    public void rollback(javax.transaction.xa.Xid xaXid) throws XAException {
        Xid xid = branchXid(xaXid);
        Branch branch = branches.remove(xid);
        if (branch != null) {
            branch.deferred.dropAll();
            if (!branch.hasCalls) {
                return; // the server never heard of it
            }
        }
        try {
            verb("rollback of branch " + xid, xa -> {
                xa.rollback(xid);
                return null;
            });
        } catch (XAException e) {
            boolean unprepared = branch != null && !branch.prepared;
            if (unprepared && (e.errorCode == XAException.XAER_NOTA || XaFailures.isConnectionFailure(e.getCause()))) {
                // The server keeps an unprepared branch in memory only, and drops it with the connection.
                LOG.fine(() ->
                        "rollback of unprepared branch " + xid + ": gone with its connection (" + e.getMessage() + ")");
                return;
            }
            throw e;
        }
    }

    /** The prepared branches on the server, at the start of a scan only (TMSTARTRSCAN): one answer lists them all. */
    @Override
    public javax.transaction.xa.Xid[] recover(int flags) throws XAException {
        if ((flags & TMSTARTRSCAN) == 0) {
            return new javax.transaction.xa.Xid[0];
        }
        List<Xid> prepared = verb("recover", xa -> xa.recover());
        return prepared.stream().map(RecoveredXid::new).toArray(javax.transaction.xa.Xid[]::new);
    }

    /** Nothing to forget: the server makes no heuristic decisions. */
    @Override
    public void forget(javax.transaction.xa.Xid xaXid) {
        // no heuristic outcomes are ever reported
    }

    /** True only for this very instance: the server's unprepared branch belongs to one physical connection. */
    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    /**
     * Recorded for {@link #getTransactionTimeout()}; the server has no timeout of its own on branches (an unprepared
     * branch dies with its connection, a prepared one waits for the transaction manager).
     */
    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        if (seconds < 0) {
            throw XaFailures.refused(XAException.XAER_INVAL, "a transaction timeout cannot be negative: " + seconds);
        }
        timeoutSeconds = seconds;
        return true;
    }

    @Override
    public int getTransactionTimeout() {
        return timeoutSeconds;
    }

    // ---- helpers ----

    private <T> T verb(String what, Function<io.switchboard.client.XaBranches, T> verb) throws XAException {
        try {
            return connection.xa(verb);
        } catch (RuntimeException e) {
            throw XaFailures.of(what, e);
        }
    }

    private static boolean isRollback(XAException e) {
        return e.errorCode >= XAException.XA_RBBASE && e.errorCode <= XAException.XA_RBEND;
    }

    private void forget(Xid xid, Branch branch) {
        branches.remove(xid, branch);
        branch.deferred.dropAll();
    }

    private static Xid branchXid(javax.transaction.xa.Xid xaXid) throws XAException {
        if (xaXid == null) {
            throw XaFailures.refused(XAException.XAER_INVAL, "no XID");
        }
        try {
            return Xid.of(xaXid.getFormatId(), xaXid.getGlobalTransactionId(), xaXid.getBranchQualifier());
        } catch (IllegalArgumentException e) {
            XAException x =
                    XaFailures.refused(XAException.XAER_INVAL, "an XID the server cannot take: " + e.getMessage());
            x.initCause(e);
            throw x;
        }
    }

    @Override
    public String toString() {
        return "SwitchboardXAResource[" + connection + "]";
    }
}
