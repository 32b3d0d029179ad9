package io.switchboard.server.routing;

import io.netty.util.HashedWheelTimer;
import io.switchboard.protocol.Names;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Routes calls: a DELIVER is checked, resolved to its {@link Destination} (the alias's publishers, or a {@link
 * SessionKeeper}'s), passed through the {@link CallInterceptor}s and routed; a RESULT goes back to the caller; a lost
 * publisher's calls are rerouted or answered. Safe on any event loop; the hot path does a few map lookups, one scan of
 * a small group, two map puts and one enqueue (docs/architecture.md draws the whole path).
 */
public final class CallRouter {

    private final SessionDirectory directory;
    private final ServerCounters counters;
    private final BooleanSupplier shuttingDown;
    private final long defaultTimeoutMs;
    private final long maxTimeoutMs;
    private final Deliveries deliveries;
    private final Permits permits;
    /** The server's own sessions ({@code $lines}); set once at start, before any connection exists. */
    private volatile BuiltInSession builtIns;
    /** Asked first about every call with valid names, before resolution; set once at start. */
    private volatile CallGate gate = CallGate.OPEN;
    /** Every call passes these, in order; set once at start. */
    private volatile CallInterceptor[] interceptors = new CallInterceptor[0];
    /** Measures client calls, each once at its RESULT; set once at start. */
    private volatile CallMeter meter = CallMeter.OFF;

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
        this.shuttingDown = shuttingDown;
        this.defaultTimeoutMs = defaultTimeoutMs;
        this.maxTimeoutMs = maxTimeoutMs;
        this.deliveries = new Deliveries(counters, timer, maxFrameSize, directory::keeper, this::publisherLost);
        this.permits = new Permits(directory, deliveries, counters, shuttingDown);
        directory.routeLocalCallsWith(this);
    }

    /** Installs the answerer of reserved {@code $} aliases; without one they are answered no-such-session. */
    public void builtIns(BuiltInSession builtIns) {
        this.builtIns = builtIns;
    }

    /** Installs the gate every call with valid names passes before its alias is looked up. Call before serving. */
    public void gate(CallGate callGate) {
        gate = callGate;
    }

    /** Adds an interceptor after those installed before. Call before serving. */
    public void intercept(CallInterceptor interceptor) {
        CallInterceptor[] more = java.util.Arrays.copyOf(interceptors, interceptors.length + 1);
        more[interceptors.length] = interceptor;
        interceptors = more;
    }

    /** Installs what measures the calls of client connections. Call before serving. */
    public void measure(CallMeter callMeter) {
        meter = callMeter;
    }

    /** A caller's DELIVER: routed, or answered at once when it cannot be. */
    public void deliver(Connection caller, Deliver call) {
        Result refused = caller.startCall(call.id(), meter.recorder(call.alias()));
        if (refused != null) {
            // Not started, so not answered through answer(): that would free the id of the call still in flight.
            caller.send(refused);
            return;
        }
        Result refusal = route(caller, call);
        if (refusal != null) {
            caller.answer(refusal);
        }
    }

    private Result route(Connection caller, Deliver deliver) {
        long id = deliver.id();
        if (shuttingDown.getAsBoolean()) {
            return Result.failure(id, ResultCode.SHUTTING_DOWN, "the server is shutting down");
        }
        String alias = deliver.alias();
        String method = deliver.method();
        String problem = Names.problem(alias, "alias");
        if (problem == null) {
            problem = Names.problem(method, "method");
        }
        // The gate comes before any lookup: its refusal must not tell whether the alias exists.
        Result refused =
                problem != null ? Result.failure(id, ResultCode.BAD_REQUEST, problem) : gate.refusal(caller, deliver);
        if (refused != null) {
            return refused;
        }
        if (Names.isReserved(alias)) {
            if (deliver.async()) {
                return Result.failure(id, ResultCode.BAD_REQUEST, "the server's own sessions take no async calls");
            }
            if (builtIns != null) {
                builtIns.deliver(caller, deliver);
                return null;
            }
        }
        PublisherGroup local = directory.find(alias);
        Destination destination = directory.keeper().destination(alias, local != null);
        if (destination == null || (deliver.async() || deliver.all()) && !destination.forwardsAtOnce()) {
            destination = local;
        }
        if (destination == null) {
            return Result.failure(id, ResultCode.NO_SUCH_SESSION, "no session '" + alias + "' is published");
        }
        if (!destination.hasMethod(method)) {
            return Result.failure(
                    id, ResultCode.UNKNOWN_METHOD, "session '" + alias + "' has no method '" + method + "'");
        }
        long timeoutMs = deliver.timeoutMs() == 0 ? defaultTimeoutMs : Math.min(deliver.timeoutMs(), maxTimeoutMs);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        // The publisher learns who calls from the server, never from the caller: a caller it names is dropped.
        CallMeta meta = caller.callerMeta().withHeadersOf(deliver.meta());
        Call call = Call.of(caller, deliver, meta, deadline);
        return pass(0, call, destination);
    }

    /** Interceptor {@code index} and those after it, then the destination. */
    private Result pass(int index, Call call, Destination destination) {
        CallInterceptor[] chain = interceptors;
        for (int i = index; i < chain.length; i++) {
            if (chain[i].wants(call)) {
                int after = i + 1;
                return chain[i].intercept(call, destination, next -> pass(after, next, destination));
            }
        }
        if (call.async() || call.all()) {
            // No interceptor took it (one that does passes the call on as a plain one, or not at all).
            return Result.failure(
                    call.callerId(),
                    ResultCode.BAD_REQUEST,
                    call.async() ? "this server takes no async calls" : "this server takes no scatter-gather calls");
        }
        return destination.route(call);
    }

    /** The local publishers' route: the least loaded publisher of {@code group} that is below its cap. */
    Result toLeastLoaded(Call call, PublisherGroup group) {
        Publication publication = group.acquireLeastLoaded(null);
        if (publication == null) {
            counters.busy.increment();
            return Result.failure(
                    call.callerId(), ResultCode.BUSY, "every publisher of '" + call.alias() + "' is at its cap");
        }
        return deliveries.forward(call, publication, true);
    }

    /**
     * Hands a call to exactly {@code target}, never another, even when it goes away (then {@code publisher-lost}): for
     * callers that choose the publisher, like a front door keeping a line on one instance. {@code timeoutMs} is the
     * deadline from now (at most max-timeout). Null when forwarded, else the failure RESULT to take instead.
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
        Call call = new Call(caller, callerId, target.alias, method, meta, payload, deadline, 0, false, false);
        return deliveries.forward(call, target, false);
    }

    /** A publisher's RESULT: passed to the caller, unless the delivery was already settled (a late result). */
    public void result(Connection publisher, Result result) {
        Delivery delivery = deliveries.settleById(publisher, result.id());
        if (delivery != null) {
            deliveries.passResult(delivery, result, publisher);
        }
    }

    /** The connection closed: its publications go first (a reroute never picks it), then its deliveries. */
    public void connectionClosed(Connection publisher) {
        publisher.markClosed();
        directory.forget(publisher);
        for (Delivery delivery : List.copyOf(publisher.outstanding.values())) {
            if (deliveries.settle(delivery)) {
                publisherLost(delivery, publisher);
            }
        }
    }

    /** Answers every delivery {@code publisher} still holds with {@code code}; used at the end of shutdown. */
    public void failAll(Connection publisher, ResultCode code, String message) {
        for (Delivery delivery : List.copyOf(publisher.outstanding.values())) {
            if (deliveries.settle(delivery)) {
                Deliveries.answer(delivery, code, message);
            }
        }
    }

    /** An idempotent call of a reroute/hold session goes to another publisher, else the keeper, else publisher-lost. */
    private void publisherLost(Delivery delivery, Connection lost) {
        Call call = delivery.call;
        SessionPolicy policy = delivery.publication.policy;
        if (delivery.reroutable
                && policy != SessionPolicy.FAIL
                && delivery.publication.idempotent.contains(call.method())
                && !shuttingDown.getAsBoolean()
                && !call.expired(System.nanoTime())) {
            PublisherGroup group = directory.find(call.alias());
            Publication other =
                    group == null || !group.methods.contains(call.method()) ? null : group.acquireLeastLoaded(lost);
            if (other != null
                    ? deliveries.forward(call, other, true) == null
                    : directory.keeper().publisherLost(call, policy)) {
                return;
            }
        }
        Deliveries.answer(delivery, ResultCode.PUBLISHER_LOST, "the publisher of '" + call.alias() + "' went away");
    }

    /** What a keeper (io.switchboard.server.held) uses to forward the calls it kept. */
    public Permits permits() {
        return permits;
    }
}
