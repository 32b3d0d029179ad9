package io.switchboard.server.routing;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.store.HeldSessionDefinition;
import io.switchboard.server.store.SessionPolicy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Routes calls: DELIVER from a caller to the least loaded publisher of the alias, RESULT back to the caller,
 * deadlines, and what happens to outstanding calls when a publisher goes away. Safe on any event loop; the
 * hot path does one map lookup, one scan of a small group, one map put and one enqueue.
 */
public final class CallRouter {

    private final SessionDirectory directory;
    private final ServerCounters counters;
    private final HashedWheelTimer timer;
    private final BooleanSupplier shuttingDown;
    private final long defaultTimeoutMs;
    private final long maxTimeoutMs;
    private final FrameLimit frameLimit;
    private final AtomicLong nextDeliveryId = new AtomicLong();
    /** The server's own sessions ({@code $lines}); set once at start, before any connection exists. */
    private volatile BuiltInSession builtIns;
    /** Takes DELIVERs with the ASYNC flag; set once at start. Without one they are answered bad-request. */
    private volatile AsyncCalls asyncCalls;

    public CallRouter(
            SessionDirectory directory,
            ServerCounters counters,
            HashedWheelTimer timer,
            BooleanSupplier shuttingDown,
            long defaultTimeoutMs,
            long maxTimeoutMs,
            int maxFrameSize) {
        this.directory = directory;
        this.counters = counters;
        this.timer = timer;
        this.shuttingDown = shuttingDown;
        this.defaultTimeoutMs = defaultTimeoutMs;
        this.maxTimeoutMs = maxTimeoutMs;
        this.frameLimit = new FrameLimit(maxFrameSize);
    }

    /** Installs the answerer of reserved {@code $} aliases; without one they are answered no-such-session. */
    public void builtIns(BuiltInSession builtIns) {
        this.builtIns = builtIns;
    }

    /** Installs the taker of async calls (DELIVER flag ASYNC). */
    public void asyncCalls(AsyncCalls asyncCalls) {
        this.asyncCalls = asyncCalls;
    }

    /** A caller's DELIVER: forward it, or answer it at once when it cannot be forwarded. */
    public void deliver(Connection caller, Deliver call) {
        if (shuttingDown.getAsBoolean()) {
            caller.send(Result.failure(call.id(), ResultCode.SHUTTING_DOWN, "the server is shutting down"));
            return;
        }
        String problem = Names.problem(call.alias(), "alias");
        if (problem == null) {
            problem = Names.problem(call.method(), "method");
        }
        if (problem != null) {
            caller.send(Result.failure(call.id(), ResultCode.BAD_REQUEST, problem));
            return;
        }
        if (call.async() && (asyncCalls == null || call.alias().charAt(0) == BuiltInSession.RESERVED_PREFIX)) {
            caller.send(Result.failure(
                    call.id(),
                    ResultCode.BAD_REQUEST,
                    asyncCalls == null
                            ? "this server takes no async calls"
                            : "the server's own sessions take no async calls"));
            return;
        }
        if (call.alias().charAt(0) == BuiltInSession.RESERVED_PREFIX && builtIns != null) {
            builtIns.deliver(caller, call);
            return;
        }
        PublisherGroup group = directory.find(call.alias());
        // A hold session nobody publishes now still takes calls: they wait for a publisher (not async ones).
        HeldSessionDefinition away =
                group == null && !call.async() ? directory.holding().definition(call.alias()) : null;
        if (group == null && away == null) {
            caller.send(Result.failure(
                    call.id(), ResultCode.NO_SUCH_SESSION, "no session '" + call.alias() + "' is published"));
            return;
        }
        if (group != null
                ? !group.methods.contains(call.method())
                : !away.methods().contains(call.method())) {
            caller.send(Result.failure(
                    call.id(),
                    ResultCode.UNKNOWN_METHOD,
                    "session '" + call.alias() + "' has no method '" + call.method() + "'"));
            return;
        }
        long timeoutMs = call.timeoutMs() == 0 ? defaultTimeoutMs : Math.min(call.timeoutMs(), maxTimeoutMs);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        // The publisher learns who calls from the server, never from the caller: a caller it names is dropped.
        CallMeta meta = caller.callerMeta().withHeadersOf(call.meta());
        if (call.async()) {
            asyncCalls.submit(caller, call, meta, deadline);
            return;
        }
        // Behind calls already waiting, a new call of a hold session waits too: arrival order.
        if (group == null
                || group.policy == SessionPolicy.HOLD && directory.holding().hasWaiting(call.alias())) {
            directory.holding().hold(caller, call.id(), call.alias(), call.method(), meta, call.payload(), deadline, 0);
            return;
        }
        Result refusal =
                forward(caller, call.id(), call.alias(), call.method(), meta, call.payload(), deadline, group, null, 0);
        if (refusal != null) {
            caller.send(refusal);
        }
    }

    /**
     * Routes a call checked earlier (an async call whose ticket is now stored) as {@link #deliver} would: the
     * session and method are looked up again, since the publishers may have changed meanwhile.
     *
     * @return null when forwarded (the caller gets its RESULT later), else the failure RESULT to take instead
     */
    public Result forwardCall(
            Caller caller,
            long callerId,
            String alias,
            String method,
            CallMeta meta,
            byte[] payload,
            long deadlineNanos) {
        if (shuttingDown.getAsBoolean()) {
            return Result.failure(callerId, ResultCode.SHUTTING_DOWN, "the server is shutting down");
        }
        PublisherGroup group = directory.find(alias);
        if (group == null) {
            return Result.failure(callerId, ResultCode.NO_SUCH_SESSION, "no session '" + alias + "' is published");
        }
        if (!group.methods.contains(method)) {
            return Result.failure(
                    callerId, ResultCode.UNKNOWN_METHOD, "session '" + alias + "' has no method '" + method + "'");
        }
        if (deadlineNanos - System.nanoTime() <= 0) {
            counters.timeouts.increment();
            return Result.failure(callerId, ResultCode.TIMEOUT, "no result within the deadline");
        }
        return forward(caller, callerId, alias, method, meta, payload, deadlineNanos, group, null, 0);
    }

    /**
     * Hands the call to a publisher of {@code group} other than {@code exclude}.
     *
     * @return null when forwarded, else the failure RESULT the caller should get (nothing is held then)
     */
    private Result forward(
            Caller caller,
            long callerId,
            String alias,
            String method,
            CallMeta meta,
            byte[] callerPayload,
            long deadlineNanos,
            PublisherGroup group,
            Connection exclude,
            long arrival) {
        Publication publication = group.acquireLeastLoaded(exclude);
        if (publication == null) {
            counters.busy.increment();
            return Result.failure(
                    callerId, ResultCode.BUSY, "every publisher of '" + alias + "' is at its in-flight cap");
        }
        return forwardAcquired(
                caller, callerId, method, meta, callerPayload, deadlineNanos, publication, false, arrival);
    }

    /**
     * Hands a call to exactly {@code target}, never to another publisher of its alias, not even when
     * {@code target} goes away (then the caller gets {@code publisher-lost}). For callers that choose the
     * publisher themselves, like a front door keeping a line on one instance.
     *
     * @param timeoutMs the call's deadline from now, at most the server's max-timeout
     * @return null when forwarded (the caller gets its RESULT later), else the failure RESULT to take instead
     */
    public Result forwardTo(
            Caller caller,
            long callerId,
            Publication target,
            String method,
            CallMeta meta,
            byte[] payload,
            long timeoutMs) {
        if (shuttingDown.getAsBoolean()) {
            return Result.failure(callerId, ResultCode.SHUTTING_DOWN, "the server is shutting down");
        }
        if (!target.tryAcquire()) {
            counters.busy.increment();
            return Result.failure(
                    callerId, ResultCode.BUSY, "the publisher of '" + target.alias + "' is at its in-flight cap");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(timeoutMs, maxTimeoutMs));
        return forwardAcquired(caller, callerId, method, meta, payload, deadline, target, true, 0);
    }

    /** Forwards to {@code publication}, whose permit the caller already took. */
    private Result forwardAcquired(
            Caller caller,
            long callerId,
            String method,
            CallMeta meta,
            byte[] callerPayload,
            long deadlineNanos,
            Publication publication,
            boolean pinned,
            long arrival) {
        String alias = publication.alias;
        Connection publisher = publication.connection;
        byte[] payload;
        try {
            payload = Payloads.convert(callerPayload, caller, publisher);
        } catch (ProtocolException e) {
            publication.release();
            return Result.failure(callerId, ResultCode.BAD_REQUEST, e.getMessage());
        }
        if (!frameLimit.deliverFits(alias, method, meta, payload)) {
            publication.release();
            return Result.failure(
                    callerId,
                    ResultCode.BAD_REQUEST,
                    "the call exceeds the frame limit once "
                            + "forwarded, with its payload in "
                            + publisher.codec().wireName()
                            + " and the caller's name and headers added");
        }
        Delivery delivery = new Delivery(
                nextDeliveryId.incrementAndGet(),
                caller,
                callerId,
                alias,
                method,
                meta,
                callerPayload,
                deadlineNanos,
                publication,
                pinned,
                arrival);
        publisher.outstanding.put(delivery.id, delivery);
        counters.outstanding.incrementAndGet();
        if (publisher.isClosed()) {
            // The publisher closed while we picked it; its close sweep may have run before our put.
            if (settle(delivery)) {
                publisherLost(delivery, publisher);
            }
            return null;
        }
        long remainingMs = Math.max(1, delivery.remainingMs(System.nanoTime()));
        delivery.timer = timer.newTimeout(t -> deadlinePassed(delivery), remainingMs, TimeUnit.MILLISECONDS);
        counters.delivered.increment();
        publisher.send(new Deliver(delivery.id, alias, method, remainingMs, meta, payload));
        return null;
    }

    /** A publisher's RESULT: pass it to the caller, unless the delivery was already settled (late result). */
    public void result(Connection publisher, Result result) {
        Delivery delivery = publisher.outstanding.get(result.id());
        if (delivery == null || !settle(delivery)) {
            counters.lateResults.increment();
            return;
        }
        if (delivery.caller.isClosed()) {
            return; // the caller left; the call ran anyway, nobody is waiting for its answer
        }
        // A result the caller cannot receive is the publisher's failure, not the caller's: handler-error.
        byte[] payload;
        try {
            payload = Payloads.convert(result.payload(), publisher, delivery.caller);
        } catch (ProtocolException e) {
            answer(delivery, ResultCode.HANDLER_ERROR, "the publisher's result payload is invalid: " + e.getMessage());
            return;
        }
        if (!frameLimit.resultFits(result.message(), payload)) {
            answer(
                    delivery,
                    ResultCode.HANDLER_ERROR,
                    "the publisher's result exceeds the frame limit once " + "transcoded from "
                            + publisher.codec().wireName() + " to "
                            + delivery.caller.codec().wireName());
            return;
        }
        delivery.caller.answer(result.withId(delivery.callerId, payload));
    }

    private void deadlinePassed(Delivery delivery) {
        if (settle(delivery)) {
            counters.timeouts.increment();
            answer(delivery, ResultCode.TIMEOUT, "no result within the deadline");
        }
    }

    /**
     * The connection closed: every delivery it held is rerouted (idempotent method, another publisher free,
     * deadline not passed) or answered {@code publisher-lost}. Its publications and subscriptions go first,
     * so a reroute never picks it again.
     */
    public void connectionClosed(Connection publisher) {
        publisher.markClosed();
        directory.forget(publisher);
        for (Long id : List.copyOf(publisher.outstanding.keySet())) {
            Delivery delivery = publisher.outstanding.get(id);
            if (delivery != null && settle(delivery)) {
                publisherLost(delivery, publisher);
            }
        }
    }

    /** Answers every delivery {@code publisher} still holds with {@code code}; used at the end of shutdown. */
    public void failAll(Connection publisher, ResultCode code, String message) {
        for (Long id : List.copyOf(publisher.outstanding.keySet())) {
            Delivery delivery = publisher.outstanding.get(id);
            if (delivery != null && settle(delivery)) {
                answer(delivery, code, message);
            }
        }
    }

    /**
     * By the session's policy: {@code fail} answers {@code publisher-lost}; {@code reroute} sends an idempotent call
     * to another publisher that is free; {@code hold} does too, and holds it again when none is. A non-idempotent
     * call may have run, so it is never sent again: {@code publisher-lost}.
     */
    private void publisherLost(Delivery delivery, Connection lost) {
        SessionPolicy policy = delivery.publication.policy;
        if (!delivery.pinned
                && policy != SessionPolicy.FAIL
                && delivery.publication.idempotent.contains(delivery.method)
                && !shuttingDown.getAsBoolean()
                && delivery.deadlineNanos - System.nanoTime() > 0) {
            PublisherGroup group = directory.find(delivery.alias);
            Result refusal = null;
            if (group != null && group.methods.contains(delivery.method)) {
                refusal = forward(
                        delivery.caller,
                        delivery.callerId,
                        delivery.alias,
                        delivery.method,
                        delivery.meta,
                        delivery.callerPayload,
                        delivery.deadlineNanos,
                        group,
                        lost,
                        delivery.arrival);
                if (refusal == null) {
                    return;
                }
            }
            if (policy == SessionPolicy.HOLD && (refusal == null || refusal.code() == ResultCode.BUSY)) {
                directory
                        .holding()
                        .hold(
                                delivery.caller,
                                delivery.callerId,
                                delivery.alias,
                                delivery.method,
                                delivery.meta,
                                delivery.callerPayload,
                                delivery.deadlineNanos,
                                delivery.arrival);
                return;
            }
        }
        answer(delivery, ResultCode.PUBLISHER_LOST, "the publisher of '" + delivery.alias + "' went away");
    }

    // ---- for the calls of hold sessions (io.switchboard.server.held) ----

    /**
     * Takes a permit of the least loaded publisher of {@code alias}.
     *
     * @return the publication holding the permit, or null when nobody publishes the alias, every publisher is at
     *         its cap, or the server is shutting down
     */
    public Publication acquirePublisher(String alias) {
        PublisherGroup group = directory.find(alias);
        if (group == null || shuttingDown.getAsBoolean()) {
            return null;
        }
        return group.acquireLeastLoaded(null);
    }

    /** Gives back a permit taken by {@link #acquirePublisher} that was not used. */
    public void releasePermit(Publication permit) {
        permit.release();
    }

    /**
     * Forwards a held call to the publication whose permit was taken for it, or answers the caller why not (the
     * session no longer has the method, the deadline passed, the call does not fit once forwarded).
     *
     * @param arrival the call's place in its session's order, kept if it is held again
     */
    public void forwardHeld(
            Caller caller,
            long callerId,
            String method,
            CallMeta meta,
            byte[] payload,
            long deadlineNanos,
            Publication permit,
            long arrival) {
        Result refusal;
        if (!permit.methods.contains(method)) {
            permit.release();
            refusal = Result.failure(
                    callerId,
                    ResultCode.UNKNOWN_METHOD,
                    "session '" + permit.alias + "' has no method '" + method + "' any more");
        } else if (deadlineNanos - System.nanoTime() <= 0) {
            permit.release();
            counters.timeouts.increment();
            refusal = Result.failure(callerId, ResultCode.TIMEOUT, "no result within the deadline");
        } else {
            refusal = forwardAcquired(caller, callerId, method, meta, payload, deadlineNanos, permit, false, arrival);
        }
        if (refusal != null) {
            if (!caller.isClosed()) {
                caller.answer(refusal);
            }
            directory.holding().drain(permit.alias); // the permit is free again
        }
    }

    /** The exactly-once gate: true for the one party that takes the delivery out of its publisher's map. */
    private boolean settle(Delivery delivery) {
        if (!delivery.publication.connection.outstanding.remove(delivery.id, delivery)) {
            return false;
        }
        counters.outstanding.decrementAndGet();
        delivery.publication.release();
        Timeout t = delivery.timer;
        if (t != null) {
            t.cancel();
        }
        if (delivery.publication.policy == SessionPolicy.HOLD) {
            directory.holding().drain(delivery.alias); // a permit is free: a held call may go
        }
        return true;
    }

    private void answer(Delivery delivery, ResultCode code, String message) {
        if (!delivery.caller.isClosed()) {
            delivery.caller.answer(Result.failure(delivery.callerId, code, message));
        }
    }
}
