package io.switchboard.server.routing;

import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Xid;

/**
 * One call on its way through routing: who made it and gets its one RESULT, what it names, what it carries and when
 * it must be answered. Immutable; a feature that answers in the caller's place (an async call's ticket) routes a copy
 * with another {@link Caller}.
 *
 * @param caller        gets the call's one RESULT
 * @param callerId      the id the caller gave the call; its RESULT carries it
 * @param alias         the session called
 * @param method        the method called
 * @param meta          the caller's name (set by the server) and headers, as the publisher gets them
 * @param payload       the argument, in the caller's codec
 * @param deadlineNanos when the caller stops waiting ({@link System#nanoTime()})
 * @param arrival       the call's place in its session's order, for features that queue calls (held calls); 0 for a
 *                      call no feature has ordered yet, and kept when the call is rerouted or queued again
 * @param async         the caller asked for a ticket (DELIVER flag ASYNC)
 * @param all           the caller asked for every publisher's answer (DELIVER flag ALL, scatter-gather)
 * @param deflated      the payload as the caller sent it compressed, or null: forwarded as it is to a publisher that
 *                      agreed on compression when the payload needs no transcoding
 * @param xid           the XA branch the call was sent in (DELIVER flag XID): held by the branch until it commits;
 *                      null for a call outside any branch
 */
public record Call(
        Caller caller,
        long callerId,
        String alias,
        String method,
        CallMeta meta,
        byte[] payload,
        long deadlineNanos,
        long arrival,
        boolean async,
        boolean all,
        byte[] deflated,
        Xid xid) {

    /** A call outside any XA branch. */
    public Call(
            Caller caller,
            long callerId,
            String alias,
            String method,
            CallMeta meta,
            byte[] payload,
            long deadlineNanos,
            long arrival,
            boolean async,
            boolean all,
            byte[] deflated) {
        this(caller, callerId, alias, method, meta, payload, deadlineNanos, arrival, async, all, deflated, null);
    }

    /** A call whose payload did not come compressed. */
    public Call(
            Caller caller,
            long callerId,
            String alias,
            String method,
            CallMeta meta,
            byte[] payload,
            long deadlineNanos,
            long arrival,
            boolean async,
            boolean all) {
        this(caller, callerId, alias, method, meta, payload, deadlineNanos, arrival, async, all, null);
    }

    /** A caller's DELIVER as routing carries it: with the caller's name and headers, and its deadline. */
    static Call of(Caller caller, Deliver deliver, CallMeta meta, long deadlineNanos) {
        return new Call(
                caller,
                deliver.id(),
                deliver.alias(),
                deliver.method(),
                meta,
                deliver.payload(),
                deadlineNanos,
                0,
                deliver.async(),
                deliver.all(),
                deliver.deflated(),
                deliver.xid());
    }

    /**
     * The same call as a plain one answered to {@code keeper}, which stands for the caller from now on: an async call
     * once its ticket is kept.
     */
    public Call keptBy(Caller keeper) {
        return new Call(keeper, callerId, alias, method, meta, payload, deadlineNanos, arrival, false, false, deflated);
    }

    /** The same call at place {@code place} in its session's order. */
    public Call withArrival(long place) {
        return new Call(
                caller, callerId, alias, method, meta, payload, deadlineNanos, place, async, all, deflated, xid);
    }

    /** Milliseconds left before the deadline, at least 0. */
    public long remainingMs(long nowNanos) {
        return Math.max(0, (deadlineNanos - nowNanos) / 1_000_000);
    }

    public boolean expired(long nowNanos) {
        return deadlineNanos - nowNanos <= 0;
    }
}
