package io.switchboard.server.held;

import io.netty.util.Timer;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.Caller;
import io.switchboard.server.routing.Holding;
import io.switchboard.server.routing.Publication;
import io.switchboard.server.store.HeldCall;
import io.switchboard.server.store.HeldSessionDefinition;
import io.switchboard.server.store.Store;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of {@code hold} sessions that wait for a publisher, in memory and in the store.
 *
 * <p>A held call is written to the store (group commit) when it arrives and waits in its alias's queue, ordered by
 * arrival. It leaves the queue once, through {@link WaitingCall#take()}: by a drain that forwards it, or by its
 * deadline ({@code timeout}).
 *
 * <p><b>When a held call counts as delivered:</b> a drain removes the call from the store and forwards it only
 * after that removal is committed. A crash after the commit and before the publisher got the DELIVER loses the
 * call, but no crash can make the server deliver a held call twice: delivery is at most once, which is what a
 * non-idempotent method needs. Calls of one alias are released in arrival order in the same write queue, and
 * forwarded from the commit callbacks, which run in that order: the order holds.
 */
public final class HeldCalls implements Holding {

    private static final Logger log = LoggerFactory.getLogger(HeldCalls.class);
    /** A drain whose release could not be stored tries again after this long. */
    private static final long RETRY_AFTER_STORE_FAILURE_MS = 1000;

    private final Store store;
    private final Timer timer;
    private final LongSupplier wallClock;
    private final HeldSessions sessions;
    private final ConcurrentHashMap<String, AliasQueue> queues = new ConcurrentHashMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    private volatile CallRouter router;

    /** The waiting calls of one alias, and how many are being released and forwarded right now. */
    private static final class AliasQueue {
        /** By arrival; guarded by this queue. */
        final TreeMap<Long, WaitingCall> waiting = new TreeMap<>();
        /** Taken by a drain, release not yet committed or call not yet forwarded; guarded by this queue. */
        int inTransit;
    }

    /**
     * @param wallClock milliseconds since the epoch: the store keeps deadlines as instants, so that they mean the
     *                  same after a restart
     */
    public HeldCalls(Store store, Timer timer, LongSupplier wallClock) {
        this.store = store;
        this.timer = timer;
        this.wallClock = wallClock;
        this.sessions = new HeldSessions(store);
    }

    public HeldCalls(Store store, Timer timer) {
        this(store, timer, System::currentTimeMillis);
    }

    /** The router that forwards released calls; set once at start, before {@link #load()}. */
    public void router(CallRouter router) {
        this.router = router;
    }

    /**
     * Loads the kept definitions and their held calls at start, before serving. The calls' callers died with the
     * old server: each is still delivered when a publisher comes (its answer is dropped) unless its deadline
     * passes first; those whose deadline passed while the server was down are removed now.
     *
     * @return a line for the log
     */
    public String load() {
        arrivals.set(store.lastHeldArrival());
        List<HeldSessionDefinition> definitions = sessions.load();
        long nowMs = wallClock.getAsLong();
        long nowNanos = System.nanoTime();
        int waiting = 0;
        int expired = 0;
        for (HeldSessionDefinition definition : definitions) {
            for (HeldCall stored : store.heldCalls(definition.alias())) {
                long leftMs = stored.deadline().toEpochMilli() - nowMs;
                if (leftMs <= 0) {
                    store.releaseHeldCall(stored.callId());
                    expired++;
                    continue;
                }
                CallMeta meta;
                try {
                    meta = StoredMeta.decode(stored.meta());
                } catch (IllegalArgumentException e) {
                    log.warn(
                            "held call {} of '{}' kept without its headers: {}",
                            stored.callId(),
                            stored.alias(),
                            e.getMessage());
                    meta = CallMeta.NONE;
                }
                Codec codec = Codec.forName(stored.codec()).orElse(Codec.JSON);
                WaitingCall call = new WaitingCall(
                        stored.callId(),
                        new GoneCaller(codec),
                        0,
                        stored.alias(),
                        stored.method(),
                        meta,
                        stored.payload(),
                        nowNanos + TimeUnit.MILLISECONDS.toNanos(leftMs),
                        stored.arrival());
                synchronized (queue(call.alias)) {
                    queue(call.alias).waiting.put(call.arrival, call);
                }
                armDeadline(call);
                waiting++;
            }
        }
        return definitions.size() + " hold session(s), " + waiting + " held call(s) waiting, " + expired
                + " expired while the server was down";
    }

    // ---- definitions ----

    @Override
    public HeldSessionDefinition definition(String alias) {
        return sessions.get(alias);
    }

    @Override
    public Collection<HeldSessionDefinition> definitions() {
        return sessions.all();
    }

    @Override
    public CompletableFuture<Void> define(HeldSessionDefinition definition) {
        return sessions.define(definition);
    }

    @Override
    public CompletableFuture<Void> forgetDefinition(String alias) {
        return sessions.remove(alias);
    }

    // ---- calls ----

    @Override
    public boolean hasWaiting(String alias) {
        AliasQueue q = queues.get(alias);
        if (q == null) {
            return false;
        }
        synchronized (q) {
            return !q.waiting.isEmpty() || q.inTransit > 0;
        }
    }

    @Override
    public void hold(
            Caller caller,
            long callerId,
            String alias,
            String method,
            CallMeta meta,
            byte[] payload,
            long deadlineNanos,
            long arrival) {
        long place = arrival > 0 ? arrival : arrivals.incrementAndGet();
        WaitingCall call = new WaitingCall(
                UUID.randomUUID().toString(), caller, callerId, alias, method, meta, payload, deadlineNanos, place);
        long leftMs = call.remainingMs(System.nanoTime());
        HeldCall stored = new HeldCall(
                call.callId,
                alias,
                method,
                payload,
                caller.codec().wireName(),
                StoredMeta.encode(meta),
                Instant.ofEpochMilli(wallClock.getAsLong() + leftMs),
                place);
        AliasQueue q = queue(alias);
        CompletableFuture<Void> written;
        synchronized (q) {
            q.waiting.put(place, call);
            // Queued inside the lock: the row's INSERT precedes any drain's DELETE of it in the writer's order.
            written = store.holdCall(stored);
        }
        armDeadline(call);
        written.whenComplete((v, e) -> {
            if (e != null && call.take()) {
                unqueue(call);
                log.warn("a call to '{}' could not be held: {}", alias, e.getMessage());
                answer(call, ResultCode.BUSY, "the call could not be kept for '" + alias + "': " + e.getMessage());
            }
        });
        drain(alias); // a publisher may have come while we queued
    }

    @Override
    public void drain(String alias) {
        AliasQueue q = queues.get(alias);
        if (q == null) {
            return;
        }
        synchronized (q) {
            while (!q.waiting.isEmpty()) {
                WaitingCall call = q.waiting.firstEntry().getValue();
                Publication permit = router.acquirePublisher(alias);
                if (permit == null) {
                    return; // nobody there, or all at their cap: a publisher's next PUBLISH or free permit drains
                }
                q.waiting.pollFirstEntry();
                if (!call.take()) {
                    router.releasePermit(permit); // its deadline took it
                    continue;
                }
                q.inTransit++;
                store.releaseHeldCall(call.callId).whenComplete((found, e) -> forwardReleased(q, call, permit, e));
            }
        }
    }

    /** On the store's writer thread, in release order: the release is committed (or failed). */
    private void forwardReleased(AliasQueue q, WaitingCall call, Publication permit, Throwable failure) {
        try {
            if (failure != null) {
                // Not forwarded: the row is still there, so the call must stay held, or a restart would deliver it
                // a second time.
                router.releasePermit(permit);
                log.warn(
                        "a held call to '{}' could not be released from the store, retrying: {}",
                        call.alias,
                        failure.getMessage());
                // Later, not now: a failed write may complete at once, inside the drain that queued it.
                schedule(
                        () -> {
                            call.putBack();
                            synchronized (q) {
                                q.waiting.put(call.arrival, call);
                            }
                            armDeadline(call);
                            drain(call.alias);
                        },
                        RETRY_AFTER_STORE_FAILURE_MS);
                return;
            }
            router.forwardHeld(
                    call.caller,
                    call.callerId,
                    call.method,
                    call.meta,
                    call.payload,
                    call.deadlineNanos,
                    permit,
                    call.arrival);
        } finally {
            synchronized (q) {
                q.inTransit--;
            }
        }
    }

    private void armDeadline(WaitingCall call) {
        long leftMs = Math.max(1, call.remainingMs(System.nanoTime()));
        call.deadlineTimer = schedule(() -> expire(call), leftMs);
    }

    /** A task on the deadline timer; none once the server has stopped it (shutdown). */
    private io.netty.util.Timeout schedule(Runnable task, long delayMs) {
        try {
            return timer.newTimeout(t -> task.run(), delayMs, TimeUnit.MILLISECONDS);
        } catch (IllegalStateException stopped) {
            return null;
        }
    }

    private void expire(WaitingCall call) {
        if (!call.take()) {
            return;
        }
        unqueue(call);
        store.releaseHeldCall(call.callId).whenComplete((found, e) -> {
            if (e != null) {
                // Its deadline is stored: a restarted server removes it instead of delivering it.
                log.warn(
                        "an expired held call to '{}' stays in the store until the next start: {}",
                        call.alias,
                        e.getMessage());
            }
            answer(call, ResultCode.TIMEOUT, "no publisher of '" + call.alias + "' took the call within its deadline");
        });
    }

    private void unqueue(WaitingCall call) {
        AliasQueue q = queues.get(call.alias);
        if (q != null) {
            synchronized (q) {
                q.waiting.remove(call.arrival, call);
            }
        }
    }

    private AliasQueue queue(String alias) {
        return queues.computeIfAbsent(alias, a -> new AliasQueue());
    }

    private static void answer(WaitingCall call, ResultCode code, String message) {
        if (!call.caller.isClosed()) {
            call.caller.answer(Result.failure(call.callerId, code, message));
        }
    }

    /** How many calls wait, for tests and stats. */
    public int waitingCount() {
        int n = 0;
        for (Map.Entry<String, AliasQueue> e : queues.entrySet()) {
            synchronized (e.getValue()) {
                n += e.getValue().waiting.size();
            }
        }
        return n;
    }
}
