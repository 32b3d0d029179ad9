package io.switchboard.jca.adapter.tx;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.IllegalStateException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;

/**
 * A managed connection's {@code LocalTransaction}: on-commit mode. Between {@link #begin()} and {@link #commit()}
 * the connection's submits and front-door sends are held (at most {@code limit}); the commit sends them in order,
 * the rollback drops them. Sending is not atomic: a submit the server refuses at commit fails the commit (the
 * container then rolls the transaction back) and drops the calls after it, but the calls before it were sent.
 */
public final class OnCommitTransaction implements LocalTransaction {

    private final int limit;
    private volatile DeferredCalls active;

    /** @param limit at most this many calls wait in one transaction */
    public OnCommitTransaction(int limit) {
        this.limit = limit;
    }

    /** Where calls made now wait for the commit; null outside a local transaction. */
    public DeferredCalls buffer() {
        return active;
    }

    @Override
    public synchronized void begin() throws ResourceException {
        if (active != null) {
            throw new IllegalStateException("a local transaction is active on this Switchboard connection already");
        }
        active = new DeferredCalls(limit);
    }

    @Override
    public void commit() throws ResourceException {
        DeferredCalls calls = end("commit");
        RuntimeException refused = calls.sendAll();
        if (refused != null) {
            LocalTransactionException failure = new LocalTransactionException(
                    "a Switchboard call held until the commit was refused, so the commit fails; calls sent before it "
                            + "stay sent, the ones after it were dropped: " + refused.getMessage());
            failure.initCause(refused);
            throw failure;
        }
    }

    @Override
    public void rollback() throws ResourceException {
        end("rollback").dropAll();
    }

    private synchronized DeferredCalls end(String verb) throws IllegalStateException {
        DeferredCalls calls = active;
        if (calls == null) {
            throw new IllegalStateException(verb + " without a local transaction on this Switchboard connection");
        }
        active = null;
        return calls;
    }
}
