package io.switchboard.server.routing;

import io.netty.util.Timeout;
import io.switchboard.protocol.message.CallMeta;

/**
 * One call forwarded to one publisher and not yet answered. It lives in the publisher connection's
 * {@code outstanding} map; whoever removes it from there answers the caller, exactly once.
 */
final class Delivery {

    final long id;
    final Caller caller;
    final long callerId;
    final String alias;
    final String method;
    /** The caller's name and headers as the publisher gets them; kept so a reroute carries them too. */
    final CallMeta meta;
    /** The argument in the caller's codec, kept so the call can be rerouted to a publisher of another codec. */
    final byte[] callerPayload;

    final long deadlineNanos;
    final Publication publication;
    /** Sent to this one publication on purpose (a front door's sticky line): never rerouted to another. */
    final boolean pinned;
    /** The call's place in its hold session's order (kept if it is held again), 0 for other sessions. */
    final long arrival;
    /** The deadline timer; set right after the delivery is stored, null only for an instant. */
    volatile Timeout timer;

    Delivery(
            long id,
            Caller caller,
            long callerId,
            String alias,
            String method,
            CallMeta meta,
            byte[] callerPayload,
            long deadlineNanos,
            Publication publication,
            boolean pinned,
            long arrival) {
        this.id = id;
        this.caller = caller;
        this.callerId = callerId;
        this.alias = alias;
        this.method = method;
        this.meta = meta;
        this.callerPayload = callerPayload;
        this.deadlineNanos = deadlineNanos;
        this.publication = publication;
        this.pinned = pinned;
        this.arrival = arrival;
    }

    long remainingMs(long nowNanos) {
        return Math.max(0, (deadlineNanos - nowNanos) / 1_000_000);
    }
}
