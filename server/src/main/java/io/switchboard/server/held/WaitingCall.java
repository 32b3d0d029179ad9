package io.switchboard.server.held;

import io.netty.util.Timeout;
import io.switchboard.server.routing.Call;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A held call in memory: the call, its id in the store, and the gate that lets exactly one party (the drain that
 * forwards it, or its deadline) take it.
 */
final class WaitingCall {

    /** The call's row in the store. */
    final String callId;
    /** The call, with its place in the alias's order ({@link Call#arrival()}): forwarded lowest first. */
    final Call call;

    private final AtomicBoolean taken = new AtomicBoolean();
    volatile Timeout deadlineTimer;

    WaitingCall(String callId, Call call) {
        this.callId = callId;
        this.call = call;
    }

    String alias() {
        return call.alias();
    }

    long arrival() {
        return call.arrival();
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
}
