package io.switchboard.jca.adapter.inbound;

import java.util.Arrays;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The inbound connection's XA resource for one transacted delivery, handed to {@code createEndpoint(xaResource)} so
 * the container enlists it in the transaction it begins for the bean method (as JMS adapters do). It keeps no
 * durable state and does no work of its own: it only learns how the transaction ended, so that the call is answered
 * {@code ok} only after a commit, and a rollback is answered (or redelivered) as the session's policy says.
 *
 * <p>It votes {@code XA_OK} on prepare, takes a one-phase commit when it is the transaction's only resource, and has
 * nothing to recover: after a crash the call's caller has already been told {@code publisher-lost}.
 */
final class DeliveryTransaction implements XAResource {

    /** How the delivery's transaction ended, as far as this resource was told. */
    enum Outcome {
        /** Never enlisted: the container did not begin a transaction or ignored this resource. */
        NOT_ENLISTED,
        /** Enlisted, and no commit or rollback has come yet. */
        IN_PROGRESS,
        COMMITTED,
        ROLLED_BACK
    }

    private Xid xid;
    private Outcome outcome = Outcome.NOT_ENLISTED;
    private int timeoutSeconds;

    synchronized Outcome outcome() {
        return outcome;
    }

    @Override
    public synchronized void start(Xid xid, int flags) throws XAException {
        if (flags == TMJOIN || flags == TMRESUME) {
            requireOwn(xid);
            return;
        }
        if (this.xid != null) {
            throw failure(XAException.XAER_PROTO, "the delivery's resource is already in a transaction");
        }
        this.xid = xid;
        outcome = Outcome.IN_PROGRESS;
    }

    @Override
    public synchronized void end(Xid xid, int flags) throws XAException {
        requireOwn(xid);
    }

    @Override
    public synchronized int prepare(Xid xid) throws XAException {
        requireOwn(xid);
        return XA_OK;
    }

    @Override
    public synchronized void commit(Xid xid, boolean onePhase) throws XAException {
        requireOwn(xid);
        outcome = Outcome.COMMITTED;
    }

    @Override
    public synchronized void rollback(Xid xid) throws XAException {
        requireOwn(xid);
        outcome = Outcome.ROLLED_BACK;
    }

    @Override
    public void forget(Xid xid) {
        // No heuristic decisions are ever taken here, so there is nothing to forget.
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0]; // no durable state: nothing is ever in doubt here
    }

    /** Only this very delivery's resource: the transaction manager must not merge another branch into it. */
    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public synchronized int getTransactionTimeout() {
        return timeoutSeconds;
    }

    @Override
    public synchronized boolean setTransactionTimeout(int seconds) {
        timeoutSeconds = seconds;
        return true;
    }

    private void requireOwn(Xid xid) throws XAException {
        if (this.xid == null || !sameXid(this.xid, xid)) {
            throw failure(XAException.XAER_NOTA, "not the transaction of this delivery: " + xid);
        }
    }

    /** Transaction managers may hand over another object for the same XID: compare the parts. */
    private static boolean sameXid(Xid mine, Xid other) {
        return other != null
                && mine.getFormatId() == other.getFormatId()
                && Arrays.equals(mine.getGlobalTransactionId(), other.getGlobalTransactionId())
                && Arrays.equals(mine.getBranchQualifier(), other.getBranchQualifier());
    }

    private static XAException failure(int code, String message) {
        XAException e = new XAException(message);
        e.errorCode = code;
        return e;
    }

    @Override
    public synchronized String toString() {
        return "DeliveryTransaction[" + outcome + "]";
    }
}
