package io.switchboard.server.held;

import io.netty.util.Timer;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.Destination;
import io.switchboard.server.routing.Permits;
import io.switchboard.server.routing.Publication;
import io.switchboard.server.routing.SessionDefinition;
import io.switchboard.server.routing.SessionKeeper;
import io.switchboard.server.store.HeldCall;
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
public final class HeldCalls implements SessionKeeper {

    private static final Logger log = LoggerFactory.getLogger(HeldCalls.class);
    /** A drain whose release could not be stored tries again after this long. */
    private static final long RETRY_AFTER_STORE_FAILURE_MS = 1000;

    private final Store store;
    private final Timer timer;
    private final LongSupplier wallClock;
    private final HeldSessions sessions;
    private final ConcurrentHashMap<String, AliasQueue> queues = new ConcurrentHashMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    private volatile Permits permits;

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
        this.sessions = new HeldSessions(store, this);
    }

    public HeldCalls(Store store, Timer timer) {
        this(store, timer, System::currentTimeMillis);
    }

    /** Calls held now over all aliases (waiting or being released), for the monitoring port. */
    public int heldCount() {
        int held = 0;
        for (AliasQueue queue : queues.values()) {
            synchronized (queue) {
                held += queue.waiting.size() + queue.inTransit;
            }
        }
        return held;
    }

    /** How released calls are forwarded (the router's); set once at start, before {@link #load()}. */
    public void permits(Permits permits) {
        this.permits = permits;
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
        List<SessionDefinition> definitions = sessions.load();
        long nowMs = wallClock.getAsLong();
        long nowNanos = System.nanoTime();
        int waiting = 0;
        int expired = 0;
        for (SessionDefinition definition : definitions) {
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
                        new Call(
                                new GoneCaller(codec),
                                0,
                                stored.alias(),
                                stored.method(),
                                meta,
                                stored.payload(),
                                nowNanos + TimeUnit.MILLISECONDS.toNanos(leftMs),
                                stored.arrival(),
                                false,
                                false));
                AliasQueue q = queue(call.alias());
                synchronized (q) {
                    q.waiting.put(call.arrival(), call);
                }
                armDeadline(call);
                waiting++;
            }
        }
        return definitions.size() + " hold session(s), " + waiting + " held call(s) waiting, " + expired
                + " expired while the server was down";
    }

    // ---- the keeper's part in routing ----

    @Override
    public Destination destination(String alias, boolean published) {
        HeldSession session = sessions.get(alias);
        if (session == null || published && !hasWaiting(alias)) {
            return null; // not a hold session, or its publishers take the call at once
        }
        return session; // nobody publishes it, or calls wait ahead of this one: arrival order
    }

    @Override
    public SessionDefinition kept(String alias) {
        HeldSession session = sessions.get(alias);
        return session == null ? null : session.definition;
    }

    @Override
    public Collection<SessionDefinition> keptSessions() {
        return sessions.definitions();
    }

    /** A hold session's definition is stored before its ACK; another policy replaces a kept definition. */
    @Override
    public CompletableFuture<Void> published(SessionDefinition session) {
        if (session.policy() == SessionPolicy.HOLD) {
            return sessions.define(session);
        }
        if (sessions.get(session.alias()) != null) {
            sessions.remove(session.alias()); // calls still waiting stay and go to the new publishers
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean publisherLost(Call call, SessionPolicy policy) {
        if (policy != SessionPolicy.HOLD) {
            return false;
        }
        hold(call); // back to its place in the order
        return true;
    }

    @Override
    public void capacityFreed(String alias) {
        drain(alias);
    }

    // ---- calls ----

    /** Whether calls of {@code alias} wait: a new call must then queue behind them, to keep arrival order. */
    boolean hasWaiting(String alias) {
        AliasQueue q = queues.get(alias);
        if (q == null) {
            return false;
        }
        synchronized (q) {
            return !q.waiting.isEmpty() || q.inTransit > 0;
        }
    }

    /**
     * Keeps a call durably until a publisher of its alias can take it or its deadline passes; the caller gets its
     * RESULT from the publisher, or {@code timeout}. A call that has a place in the order already (an idempotent call
     * held again after its publisher was lost) goes back to it; a new one gets the next.
     */
    void hold(Call held) {
        long place = held.arrival() > 0 ? held.arrival() : arrivals.incrementAndGet();
        WaitingCall call = new WaitingCall(UUID.randomUUID().toString(), held.withArrival(place));
        Call c = call.call;
        long leftMs = c.remainingMs(System.nanoTime());
        HeldCall stored = new HeldCall(
                call.callId,
                c.alias(),
                c.method(),
                c.payload(),
                c.caller().codec().wireName(),
                StoredMeta.encode(c.meta()),
                Instant.ofEpochMilli(wallClock.getAsLong() + leftMs),
                place);
        AliasQueue q = queue(c.alias());
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
                log.warn("a call to '{}' could not be held: {}", c.alias(), e.getMessage());
                answer(call, ResultCode.BUSY, "the call could not be kept for '" + c.alias() + "': " + e.getMessage());
            }
        });
        drain(c.alias()); // a publisher may have come while we queued
    }

    /** A publisher of {@code alias} appeared or has room again: forward what waits, oldest first. */
    void drain(String alias) {
        AliasQueue q = queues.get(alias);
        if (q == null) {
            return;
        }
        synchronized (q) {
            while (!q.waiting.isEmpty()) {
                WaitingCall call = q.waiting.firstEntry().getValue();
                Publication permit = permits.acquire(alias);
                if (permit == null) {
                    return; // nobody there, or all at their cap: a publisher's next PUBLISH or free permit drains
                }
                q.waiting.pollFirstEntry();
                if (!call.take()) {
                    permits.release(permit); // its deadline took it
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
                permits.release(permit);
                log.warn(
                        "a held call to '{}' could not be released from the store, retrying: {}",
                        call.alias(),
                        failure.getMessage());
                // Later, not now: a failed write may complete at once, inside the drain that queued it.
                schedule(
                        () -> {
                            call.putBack();
                            synchronized (q) {
                                q.waiting.put(call.arrival(), call);
                            }
                            armDeadline(call);
                            drain(call.alias());
                        },
                        RETRY_AFTER_STORE_FAILURE_MS);
                return;
            }
            permits.forward(call.call, permit);
        } finally {
            synchronized (q) {
                q.inTransit--;
            }
        }
    }

    private void armDeadline(WaitingCall call) {
        long leftMs = Math.max(1, call.call.remainingMs(System.nanoTime()));
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
                        call.alias(),
                        e.getMessage());
            }
            answer(
                    call,
                    ResultCode.TIMEOUT,
                    "no publisher of '" + call.alias() + "' took the call within its deadline");
        });
    }

    private void unqueue(WaitingCall call) {
        AliasQueue q = queues.get(call.alias());
        if (q != null) {
            synchronized (q) {
                q.waiting.remove(call.arrival(), call);
            }
        }
    }

    private AliasQueue queue(String alias) {
        return queues.computeIfAbsent(alias, a -> new AliasQueue());
    }

    private static void answer(WaitingCall waiting, ResultCode code, String message) {
        Call call = waiting.call;
        if (!call.caller().isClosed()) {
            call.caller().answer(Result.failure(call.callerId(), code, message));
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
