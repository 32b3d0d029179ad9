package io.switchboard.server.held;

import io.netty.util.Timeout;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.server.routing.Caller;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A held call in memory: what is needed to forward it, and the gate that lets exactly one party (the drain that
 * forwards it, or its deadline) take it.
 */
final class WaitingCall {

    final String callId;
    final Caller caller;
    final long callerId;
    final String alias;
    final String method;
    final CallMeta meta;
    /** The argument in the caller's codec. */
    final byte[] payload;

    final long deadlineNanos;
    /** Place in the alias's order; calls are forwarded lowest first. */
    final long arrival;

    private final AtomicBoolean taken = new AtomicBoolean();
    volatile Timeout deadlineTimer;

    WaitingCall(
            String callId,
            Caller caller,
            long callerId,
            String alias,
            String method,
            CallMeta meta,
            byte[] payload,
            long deadlineNanos,
            long arrival) {
        this.callId = callId;
        this.caller = caller;
        this.callerId = callerId;
        this.alias = alias;
        this.method = method;
        this.meta = meta;
        this.payload = payload;
        this.deadlineNanos = deadlineNanos;
        this.arrival = arrival;
    }

    /** True for the one party that takes the call; it forwards or answers it. */
    boolean take() {
        boolean won = taken.compareAndSet(false, true);
        Timeout t = deadlineTimer;
        if (won && t != null) {
            t.cancel();
        }
        return won;
    }

    /** Gives the call back after a forward could not be recorded, so a later drain tries again. */
    void putBack() {
        taken.set(false);
    }

    boolean isTaken() {
        return taken.get();
    }

    long remainingMs(long nowNanos) {
        return Math.max(0, (deadlineNanos - nowNanos) / 1_000_000);
    }
}
