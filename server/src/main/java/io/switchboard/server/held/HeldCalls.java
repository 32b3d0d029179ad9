package io.switchboard.server.held;

import io.netty.util.Timer;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.SessionPolicy;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.logging.LogId;
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
 * <p><b>When a held call counts as delivered:</b> a drain marks the call's row as delivering (a compare-and-set on
 * its owner epoch) and forwards it only after that mark is committed; the call's one RESULT removes the row. After
 * a crash (or when a cluster node takes a lost node's rows over) a marked row follows the session's lost-publisher
 * policy: an idempotent call is delivered again, any other is dropped, as its caller would have got
 * {@code publisher-lost}. So no crash makes the server deliver a non-idempotent call twice, and an unmarked call is
 * never lost. Calls of one alias are marked in arrival order in the same write queue, and forwarded from the
 * commit callbacks, which run in that order: the order holds.
 *
 * <p>In a cluster, a queue whose publishers are on another node drains to it through {@link Elsewhere}, one call
 * at a time per alias (forwarded calls travel unordered), so the order holds there too.
 */
public final class HeldCalls implements SessionKeeper {

    private static final Logger log = LoggerFactory.getLogger(HeldCalls.class);
    /** A drain whose release could not be stored tries again after this long. */
    private static final long RETRY_AFTER_STORE_FAILURE_MS = 1000;

    private final Store store;
    private final Timer timer;
    private final LongSupplier wallClock;
    private final HeldSessions sessions;
    private final StoredCalls restorer;
    private final ConcurrentHashMap<String, AliasQueue> queues = new ConcurrentHashMap<>();
    private final AtomicLong arrivals = new AtomicLong();
    private volatile Permits permits;
    private volatile Elsewhere elsewhere;

    /** The waiting calls of one alias, and how many are being released and forwarded right now. */
    private static final class AliasQueue {
        /** By arrival; guarded by this queue. */
        final TreeMap<Long, WaitingCall> waiting = new TreeMap<>();
        /** Taken by a drain, mark not yet committed or call not yet forwarded; guarded by this queue. */
        int inTransit;
        /** A call of this alias is on its way to another node: the next waits for its RESULT; guarded. */
        boolean remoteBusy;
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
        this.restorer = new StoredCalls(store, wallClock);
    }

    public HeldCalls(Store store, Timer timer) {
        this(store, timer, System::currentTimeMillis);
    }

    /** Calls held now over all aliases (waiting or being released), for the monitoring port. */
    public int heldCount() {
        int held = 0;
        for (AliasQueue queue : queues.values()) {
            synchronized (queue) {
                held += queue.waiting.size() + queue.inTransit + (queue.remoteBusy ? 1 : 0);
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
        long epoch = store.ownerEpoch();
        // In a cluster each epoch numbers its own arrivals, so that rows taken over from another node keep theirs.
        arrivals.set(epoch == 0 ? store.lastHeldArrival() : epoch << 32);
        List<SessionDefinition> definitions = sessions.load();
        int[] counts = new int[3];
        for (SessionDefinition definition : definitions) {
            for (HeldCall stored : store.heldCalls(definition.alias())) {
                restore(stored, definition, counts);
            }
        }
        StoredCalls.warnLost(counts[StoredCalls.LOST], "the server stopped");
        return definitions.size() + " hold session(s), " + counts[StoredCalls.WAITING] + " held call(s) waiting, "
                + counts[StoredCalls.EXPIRED] + " expired while the server was down, " + counts[StoredCalls.LOST]
                + " lost in delivery";
    }

    /**
     * Held calls this node took over from a node that left the cluster (docs/cluster.md): handled as after a
     * restart, then drained to the publishers that can take them.
     *
     * @return a line for the log
     */
    public String adopt(List<HeldCall> taken) {
        sessions.load(); // the lost node may have kept sessions defined after this node started
        int[] counts = new int[3];
        java.util.Set<String> aliases = new java.util.LinkedHashSet<>();
        for (HeldCall stored : taken) {
            HeldSession session = sessions.get(stored.alias());
            if (session == null) {
                continue; // no longer a hold session: kept in the store, as a restart keeps it
            }
            restore(stored, session.definition, counts);
            aliases.add(stored.alias());
        }
        StoredCalls.warnLost(counts[StoredCalls.LOST], "their node left the cluster");
        aliases.forEach(this::drain);
        return counts[StoredCalls.WAITING] + " held call(s) waiting, " + counts[StoredCalls.EXPIRED] + " expired, "
                + counts[StoredCalls.LOST] + " lost in delivery";
    }

    private void restore(HeldCall row, SessionDefinition definition, int[] counts) {
        WaitingCall call = restorer.restore(row, definition, counts);
        if (call == null) {
            return;
        }
        AliasQueue q = queue(call.alias());
        synchronized (q) {
            q.waiting.put(call.arrival(), call);
        }
        armDeadline(call);
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

    /** Whether {@code call}'s method is idempotent in its kept session (it may then be delivered again). */
    boolean idempotent(Call call) {
        HeldSession session = sessions.get(call.alias());
        return session != null && session.definition.idempotent().contains(call.method());
    }

    /**
     * Drains queues whose publishers are on other nodes from now on ({@code elsewhere}: the cluster's), looking
     * every {@code periodMs} for aliases that wait and have a publisher there.
     */
    public void elsewhere(Elsewhere elsewhere, long periodMs) {
        this.elsewhere = elsewhere;
        schedule(() -> drainElsewhereLoop(periodMs), periodMs);
    }

    private void drainElsewhereLoop(long periodMs) {
        try {
            for (Map.Entry<String, AliasQueue> e : queues.entrySet()) {
                AliasQueue q = e.getValue();
                boolean waits;
                synchronized (q) {
                    waits = !q.waiting.isEmpty() && !q.remoteBusy;
                }
                if (waits) {
                    drain(e.getKey());
                }
            }
        } catch (RuntimeException e) {
            log.debug("draining held calls to other nodes failed", e);
        }
        schedule(() -> drainElsewhereLoop(periodMs), periodMs);
    }

    /** Whether calls of {@code alias} wait: a new call must then queue behind them, to keep arrival order. */
    boolean hasWaiting(String alias) {
        AliasQueue q = queues.get(alias);
        if (q == null) {
            return false;
        }
        synchronized (q) {
            return !q.waiting.isEmpty() || q.inTransit > 0 || q.remoteBusy;
        }
    }

    /**
     * Keeps a call durably until a publisher of its alias can take it or its deadline passes; the caller gets its
     * RESULT from the publisher, or {@code timeout}. A call that has a place in the order already (an idempotent call
     * held again after its publisher was lost) goes back to it; a new one gets the next.
     */
    void hold(Call held) {
        String row = null;
        if (held.caller() instanceof HeldDelivery delivery) {
            // Held again after its publisher was lost: the same row, no longer marked delivering.
            row = delivery.callId;
            held = delivery.call.withArrival(held.arrival());
        }
        long place = held.arrival() > 0 ? held.arrival() : arrivals.incrementAndGet();
        WaitingCall call = new WaitingCall(row != null ? row : UUID.randomUUID().toString(), held.withArrival(place));
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
            written = row != null ? store.unmarkDelivering(row).thenApply(found -> null) : store.holdCall(stored);
        }
        armDeadline(call);
        written.whenComplete((v, e) -> {
            if (e != null && call.take()) {
                unqueue(call);
                log.warn("{} a call to '{}' could not be held: {}", LogId.CALL_NOT_HELD, c.alias(), e.getMessage());
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
                    // nobody here, or all at their cap: a publisher's next PUBLISH or free permit drains; another
                    // node's publisher may take the oldest now
                    drainElsewhere(q, alias);
                    return;
                }
                q.waiting.pollFirstEntry();
                if (!call.take()) {
                    permits.release(permit); // its deadline took it
                    continue;
                }
                q.inTransit++;
                store.markDelivering(call.callId)
                        .whenComplete((marked, e) -> forwardMarked(q, call, permit, Boolean.TRUE.equals(marked), e));
            }
        }
    }

    /** Under the queue's lock: sends the oldest waiting call to another node, when one can take it. */
    private void drainElsewhere(AliasQueue q, String alias) {
        Elsewhere other = elsewhere;
        if (other == null || q.remoteBusy || q.inTransit > 0 || q.waiting.isEmpty() || !other.has(alias)) {
            return;
        }
        WaitingCall call = q.waiting.pollFirstEntry().getValue();
        if (!call.take()) {
            return; // its deadline took it; the next look drains the next
        }
        q.remoteBusy = true;
        store.markDelivering(call.callId).whenComplete((marked, e) -> {
            if (e != null || !Boolean.TRUE.equals(marked)) {
                synchronized (q) {
                    q.remoteBusy = false;
                }
                notForwarded(q, call, e);
                return;
            }
            Result refused = other.forward(call.call.keptBy(new HeldDelivery(this, call.callId, call.call, true)));
            if (refused != null) {
                // Nothing was sent (that node's publisher went, or is at its cap): back to its place, and again
                // at the next look.
                store.unmarkDelivering(call.callId);
                call.putBack();
                synchronized (q) {
                    q.waiting.put(call.arrival(), call);
                    q.remoteBusy = false;
                }
                armDeadline(call);
            }
        });
    }

    /** A call sent to another node was refused there: the next look (within the period) tries again. */
    void remoteIdle(String alias) {
        AliasQueue q = queues.get(alias);
        if (q != null) {
            synchronized (q) {
                q.remoteBusy = false;
            }
        }
    }

    /** A call sent to another node got its RESULT: the next goes. */
    void remoteDone(String alias) {
        AliasQueue q = queues.get(alias);
        if (q != null) {
            synchronized (q) {
                q.remoteBusy = false;
            }
            drain(alias);
        }
    }

    /** A delivered call's RESULT came: its row goes (a crash before that commit follows the lost-publisher rule). */
    void delivered(HeldDelivery delivery) {
        store.releaseHeldCall(delivery.callId).whenComplete((found, e) -> {
            if (e != null) {
                log.warn(
                        "{} a delivered held call to '{}' stays in the store, marked delivering: {}",
                        LogId.HELD_CALL_NOT_RELEASED,
                        delivery.call.alias(),
                        e.getMessage());
            }
        });
    }

    /**
     * A call whose mark was not committed: a store failure puts it back for a later try; a mark refused by the
     * fence means another node took this node's calls over (it was removed from the cluster) and delivers it.
     */
    private void notForwarded(AliasQueue q, WaitingCall call, Throwable failure) {
        if (failure == null) {
            log.warn(
                    "{} a held call to '{}' was not delivered from here: another node took it over",
                    LogId.HELD_CALL_FENCED,
                    call.alias());
            answer(
                    call,
                    ResultCode.PUBLISHER_LOST,
                    "this node was removed from the cluster; another node took the held call over");
            return;
        }
        log.warn(
                "{} a held call to '{}' could not be marked in the store, retrying: {}",
                LogId.HELD_CALL_NOT_RELEASED,
                call.alias(),
                failure.getMessage());
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
    }

    /** On the store's writer thread, in mark order: the delivering mark is committed (or failed, or fenced). */
    private void forwardMarked(AliasQueue q, WaitingCall call, Publication permit, boolean marked, Throwable failure) {
        try {
            if (failure != null || !marked) {
                permits.release(permit);
                notForwarded(q, call, failure);
                return;
            }
            permits.forward(call.call.keptBy(new HeldDelivery(this, call.callId, call.call, false)), permit);
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
                        "{} an expired held call to '{}' stays in the store until the next start: {}",
                        LogId.EXPIRED_HELD_CALL_KEPT,
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
