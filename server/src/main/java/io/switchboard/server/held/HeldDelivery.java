package io.switchboard.server.held;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.Caller;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands for the caller of a held call while it is on its way to a publisher: its row is marked delivering in the
 * store, and the call's one RESULT removes the row before it goes on to the real caller. Always open, so that the
 * row is removed even when the real caller has gone.
 */
final class HeldDelivery implements Caller {

    /** The held call's row. */
    final String callId;
    /** The call as held, with the real caller. */
    final Call call;
    /** Sent to another node (one at a time per alias) rather than to a publisher here. */
    final boolean remote;

    private final HeldCalls calls;
    private final AtomicBoolean answered = new AtomicBoolean();

    HeldDelivery(HeldCalls calls, String callId, Call call, boolean remote) {
        this.calls = calls;
        this.callId = callId;
        this.call = call;
        this.remote = remote;
    }

    /** The codes a node answers a forwarded call with when no publisher there took it. */
    private static boolean refusedThere(ResultCode code) {
        return code == ResultCode.BUSY || code == ResultCode.NO_SUCH_SESSION || code == ResultCode.SHUTTING_DOWN;
    }

    @Override
    public Codec codec() {
        return call.caller().codec();
    }

    @Override
    public boolean isTextMode() {
        return call.caller().isTextMode();
    }

    @Override
    public boolean isClosed() {
        return false; // the RESULT must reach answer(): it removes the row
    }

    @Override
    public void answer(Result result) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        if (remote && !call.expired(System.nanoTime())) {
            if (refusedThere(result.code())) {
                // The other node took no call (its publishers at their caps, gone, or it is shutting down): back
                // to its place, tried again at the next look, not at once.
                calls.hold(call.keptBy(this));
                calls.remoteIdle(call.alias());
                return;
            }
            if (result.code() == ResultCode.PUBLISHER_LOST && calls.idempotent(call)) {
                // The node it went to was lost: back to its place, as a local lost publisher's idempotent call.
                calls.hold(call.keptBy(this));
                calls.remoteDone(call.alias()); // after it is back in its place: it goes first again
                return;
            }
        }
        calls.delivered(this);
        if (!call.caller().isClosed()) {
            call.caller().answer(result);
        }
        if (remote) {
            calls.remoteDone(call.alias());
        }
    }
}
