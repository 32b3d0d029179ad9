package io.switchboard.jca.adapter.inbound;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * What a container's transaction manager does for one transacted delivery, as WildFly's endpoint proxy does: begins
 * in beforeDelivery and enlists the adapter's XA resource ({@code start}), and in afterDelivery ends it, then rolls
 * back when marked rollback-only, else commits: one-phase, or prepare then commit when the factory says the
 * transaction has other resources too. The bean marks it with {@link #setRollbackOnly()} through {@link #current()},
 * as through the TransactionSynchronizationRegistry.
 */
final class TestTransaction {

    private static final AtomicLong IDS = new AtomicLong();
    private static final ThreadLocal<TestTransaction> CURRENT = new ThreadLocal<>();

    private final XAResource resource;
    private final EndpointLifecycle.Log log;
    private final boolean twoPhase;
    private final Xid xid = new TestXid(IDS.incrementAndGet());
    private boolean rollbackOnly;

    TestTransaction(XAResource resource, EndpointLifecycle.Log log, boolean twoPhase) {
        this.resource = resource;
        this.log = log;
        this.twoPhase = twoPhase;
    }

    /** The transaction of the delivery running on this thread. */
    static TestTransaction current() {
        TestTransaction transaction = CURRENT.get();
        if (transaction == null) {
            throw new IllegalStateException("no transaction: the delivery is not transacted");
        }
        return transaction;
    }

    void setRollbackOnly() {
        rollbackOnly = true;
    }

    void begin() {
        CURRENT.set(this);
        if (resource != null) {
            xa(() -> resource.start(xid, XAResource.TMNOFLAGS));
        }
    }

    void complete() {
        CURRENT.remove();
        if (resource == null) {
            count(rollbackOnly);
            return;
        }
        xa(() -> resource.end(xid, rollbackOnly ? XAResource.TMFAIL : XAResource.TMSUCCESS));
        if (rollbackOnly) {
            xa(() -> resource.rollback(xid));
        } else {
            awaitCommitGate();
            if (twoPhase) {
                xa(() -> {
                    if (resource.prepare(xid) != XAResource.XA_OK) {
                        throw new IllegalStateException("the delivery's resource did not vote XA_OK");
                    }
                    resource.commit(xid, false);
                });
            } else {
                xa(() -> resource.commit(xid, true));
            }
        }
        count(rollbackOnly);
    }

    private void count(boolean rolledBack) {
        (rolledBack ? log.rollbacks : log.commits).incrementAndGet();
    }

    private void awaitCommitGate() {
        try {
            if (!log.commitGate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the commit gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private interface XaStep {
        void run() throws XAException;
    }

    private void xa(XaStep step) {
        try {
            step.run();
        } catch (XAException e) {
            log.breaches.add("XAException " + e.errorCode + ": " + e.getMessage());
            throw new IllegalStateException(e);
        }
    }

    /** A transaction id as a transaction manager makes them: format, global id and branch qualifier. */
    private record TestXid(long id) implements Xid {
        @Override
        public int getFormatId() {
            return 0x5357;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return ("gtrid-" + id).getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public byte[] getBranchQualifier() {
            return ("bqual-" + id).getBytes(StandardCharsets.US_ASCII);
        }
    }
}
