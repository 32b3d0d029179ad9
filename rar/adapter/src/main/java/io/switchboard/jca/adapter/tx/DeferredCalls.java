package io.switchboard.jca.adapter.tx;

import io.switchboard.jca.api.SwitchboardException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The calls one transaction holds back until it commits, in the order they were made, at most {@code limit} of
 * them: a transaction that would buffer more is refused at the call, before anything is sent.
 */
public final class DeferredCalls {

    /** The code of {@link SwitchboardException} for a call over the limit. */
    public static final String LIMIT_CODE = "too-many-deferred-calls";

    private static final Logger LOG = Logger.getLogger(DeferredCalls.class.getName());

    private final int limit;
    private final List<DeferredCall> calls = new ArrayList<>();

    public DeferredCalls(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit of deferred calls must be at least 1, not " + limit);
        }
        this.limit = limit;
    }

    /**
     * Holds {@code call} until the commit.
     *
     * @throws SwitchboardException ({@value #LIMIT_CODE}) when the transaction holds {@code limit} calls already
     */
    public synchronized void add(DeferredCall call) {
        if (calls.size() >= limit) {
            throw new SwitchboardException(
                    LIMIT_CODE,
                    "this transaction already holds " + limit + " Switchboard calls until it commits (the "
                            + "connection definition's maxDeferredCalls); refused: " + call.what()
                            + ". Commit in smaller transactions or raise maxDeferredCalls");
        }
        calls.add(call);
    }

    public synchronized boolean isEmpty() {
        return calls.isEmpty();
    }

    public synchronized int size() {
        return calls.size();
    }

    /**
     * Sends the calls in order and empties the buffer. A call whose failure {@link DeferredCall#failsCommit fails the
     * commit} stops the sending: the calls after it are dropped and its failure returned. Other failures are logged
     * and the sending goes on.
     *
     * @return the failure that fails the commit; null if none
     */
    public RuntimeException sendAll() {
        List<DeferredCall> taken = take();
        for (int i = 0; i < taken.size(); i++) {
            DeferredCall call = taken.get(i);
            try {
                call.send().run();
            } catch (RuntimeException e) {
                if (call.failsCommit()) {
                    taken.subList(i + 1, taken.size()).forEach(DeferredCalls::drop);
                    return e;
                }
                LOG.log(
                        Level.WARNING,
                        "a call deferred to the commit failed (the transaction stays committed): " + call.what() + ": "
                                + e.getMessage());
            }
        }
        return null;
    }

    /** Drops every call (the transaction rolled back): none is sent. */
    public void dropAll() {
        take().forEach(DeferredCalls::drop);
    }

    private synchronized List<DeferredCall> take() {
        List<DeferredCall> taken = new ArrayList<>(calls);
        calls.clear();
        return taken;
    }

    private static void drop(DeferredCall call) {
        try {
            call.drop().run();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "dropping " + call.what() + " failed", e);
        }
    }
}
