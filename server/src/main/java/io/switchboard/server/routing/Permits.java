package io.switchboard.server.routing;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Result;
import java.util.function.BooleanSupplier;

/**
 * How a {@link SessionKeeper} forwards the calls it kept: it takes a publisher's permit first (so it knows the call
 * can go before it lets go of it, e.g. in its store), then forwards the call with that permit.
 */
public final class Permits {

    private final SessionDirectory directory;
    private final Deliveries deliveries;
    private final ServerCounters counters;
    private final BooleanSupplier shuttingDown;

    Permits(SessionDirectory directory, Deliveries deliveries, ServerCounters counters, BooleanSupplier shuttingDown) {
        this.directory = directory;
        this.deliveries = deliveries;
        this.counters = counters;
        this.shuttingDown = shuttingDown;
    }

    /**
     * Takes a permit of the least loaded publisher of {@code alias}.
     *
     * @return the publication holding the permit, or null when nobody publishes the alias, every publisher is at its
     *     cap, or the server is shutting down
     */
    public Publication acquire(String alias) {
        PublisherGroup group = directory.find(alias);
        return group == null || shuttingDown.getAsBoolean() ? null : group.acquireLeastLoaded(null);
    }

    /** Gives back a permit taken by {@link #acquire} that was not used. */
    public void release(Publication permit) {
        permit.release();
    }

    /**
     * Forwards a kept call to the publication whose permit was taken for it, or answers the caller why not (the
     * session no longer has the method, the deadline passed, the call does not fit once forwarded).
     */
    public void forward(Call call, Publication permit) {
        Result refusal;
        if (!permit.methods.contains(call.method())) {
            permit.release();
            refusal = Result.failure(
                    call.callerId(),
                    ResultCode.UNKNOWN_METHOD,
                    "session '" + permit.alias + "' has no method '" + call.method() + "' any more");
        } else if (call.expired(System.nanoTime())) {
            permit.release();
            counters.timeouts.increment();
            refusal = Result.failure(call.callerId(), ResultCode.TIMEOUT, "no result within the deadline");
        } else {
            refusal = deliveries.forward(call, permit, true);
        }
        if (refusal != null) {
            if (!call.caller().isClosed()) {
                call.caller().answer(refusal);
            }
            directory.keeper().capacityFreed(permit.alias); // the permit is free again
        }
    }
}
