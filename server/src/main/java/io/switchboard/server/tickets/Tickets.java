package io.switchboard.server.tickets;

import io.netty.util.Timer;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Fetch;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.TicketIssued;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.CallInterceptor;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Destination;
import io.switchboard.server.routing.FrameLimit;
import io.switchboard.server.routing.Payloads;
import io.switchboard.server.store.Store;
import io.switchboard.server.store.Ticket;
import io.switchboard.server.store.TicketCall;
import io.switchboard.server.store.TicketOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Async calls ("the cache daemon"): a DELIVER with the ASYNC flag gets a ticket, stored before the TICKET answer
 * leaves; the call then runs as usual for a {@link TicketCaller}, whose one RESULT is stored under the ticket with an
 * expiry and sent on to the submitter if it is still connected. FETCH reads the stored outcome from any connection,
 * waiting for it when asked to.
 */
public final class Tickets implements CallInterceptor {

    private static final Logger log = LoggerFactory.getLogger(Tickets.class);
    private static final long SWEEP_MAX_PERIOD_MS = 60_000;
    private static final long RECOVERY_WAIT_SECONDS = 30;

    private final Store store;
    private final Timer timer;
    private final long expiryMs;
    private final long maxWaitMs;
    private final FrameLimit frameLimit;
    private final FetchWaiters waiters;
    private final int maxWaitingFetches;
    /** Store reads block, so they never run on an event loop. The threads end when idle: nothing to close. */
    private final ExecutorService reads;
    /** Told of every outcome stored here (the cluster's wake-up of FETCHes on other nodes); none by default. */
    private volatile java.util.function.Consumer<String> outcomes = ticketId -> {};

    public Tickets(Store store, Timer timer, long expiryMs, long maxWaitMs, int maxFrameSize, int maxWaitingFetches) {
        this.waiters = new FetchWaiters(maxWaitingFetches);
        this.maxWaitingFetches = maxWaitingFetches;
        this.store = store;
        this.timer = timer;
        this.expiryMs = expiryMs;
        this.maxWaitMs = maxWaitMs;
        this.frameLimit = new FrameLimit(maxFrameSize);
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "switchboard-ticket-reads");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.reads = pool;
    }

    // ---- start-up and housekeeping ----

    /**
     * Before the server accepts connections: a ticket still waiting for its outcome belongs to a call that was in
     * flight when the server stopped. Its publisher's answer went to a connection that is gone, and whether the call
     * ran is unknown, so it ends as {@code publisher-lost}, as a synchronous call in flight would have.
     *
     * @return how many tickets ended so
     */
    public int recoverAfterRestart() {
        List<TicketCall> pending = store.pendingTickets();
        if (pending.isEmpty()) {
            return 0;
        }
        try {
            CompletableFuture.allOf(endAsLost(pending, "the server restarted while the call was in flight"))
                    .get(RECOVERY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(
                    "could not store the outcome of the " + pending.size()
                            + " async call(s) that were in flight when the server stopped: " + e,
                    e);
        }
        log.info(
                "{} async call(s) were in flight when the server stopped; their tickets now say publisher-lost",
                pending.size());
        return pending.size();
    }

    /**
     * Tickets this node took over from a node that left the cluster (docs/cluster.md, "Shared durable state"): as
     * after a restart, their calls' answers went to a node that is gone, so they end as {@code publisher-lost}.
     * Waiting FETCHes here, and on other nodes (through {@link #onOutcome}), learn it.
     */
    public void takeOver(List<TicketCall> taken) {
        CompletableFuture<?>[] writes = endAsLost(taken, "the node that ran the call left the cluster");
        for (int i = 0; i < writes.length; i++) {
            String ticketId = taken.get(i).ticketId();
            writes[i].thenRun(() -> outcomeStoredElsewhere(ticketId));
        }
    }

    private CompletableFuture<?>[] endAsLost(List<TicketCall> pending, String why) {
        Instant now = Instant.now();
        List<CompletableFuture<Boolean>> writes = new ArrayList<>(pending.size());
        for (TicketCall call : pending) {
            writes.add(store.completeTicket(
                    call.ticketId(),
                    new TicketOutcome(
                            ResultCode.PUBLISHER_LOST.wireName(),
                            why,
                            Deliver.NO_PAYLOAD,
                            call.codec(),
                            now,
                            now.plusMillis(expiryMs))));
        }
        return writes.toArray(CompletableFuture[]::new);
    }

    /**
     * Tells {@code listener} the id of every outcome this node stores (the cluster tells the other nodes, whose
     * waiting FETCHes it wakes); set once at start.
     */
    public void onOutcome(java.util.function.Consumer<String> listener) {
        this.outcomes = listener;
    }

    /**
     * The outcome of {@code ticketId} was stored (by another node, or by a takeover): FETCHes waiting for it here
     * read it from the store now. Costs nothing when none waits.
     */
    public void outcomeStoredElsewhere(String ticketId) {
        List<FetchWaiters.Waiter> waiting = waiters.takeAll(ticketId);
        if (waiting.isEmpty()) {
            return;
        }
        try {
            reads.execute(() -> {
                for (FetchWaiters.Waiter w : waiting) {
                    lookUp(w.fetcher, new Fetch(w.req, 0, ticketId), w);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down: each waiter's timer answers it
        }
    }

    /** Removes expired outcomes now and then; FETCH refuses an expired one even before it is removed. */
    public void startSweeping() {
        long period = Math.max(1_000, Math.min(SWEEP_MAX_PERIOD_MS, expiryMs / 2));
        timer.newTimeout(t -> sweep(period), period, TimeUnit.MILLISECONDS);
    }

    private void sweep(long period) {
        store.removeExpiredTickets(Instant.now()).whenComplete((removed, failure) -> {
            if (failure != null) {
                log.warn(
                        "{} could not remove expired async call outcomes: {}",
                        LogId.TICKETS_NOT_SWEPT,
                        failure.toString());
            } else if (removed > 0) {
                log.debug("removed {} expired async call outcome(s)", removed);
            }
            try {
                timer.newTimeout(t -> sweep(period), period, TimeUnit.MILLISECONDS);
            } catch (IllegalStateException stopped) {
                // the deadline timer stopped: the server has shut down, and the sweeps with it
            }
        });
    }

    // ---- submitting ----

    /**
     * An async call (the router checked its session and method): queues the ticket and passes the call on at once,
     * without waiting for the commit, so the ticket's write and the call overlap and only the outcome's commit is on
     * the call's path. TICKET leaves when the ticket is committed; the outcome commits with it or after it (one writer
     * commits in queue order, and completes the ticket's write first), so a RESULT never overtakes its TICKET.
     * Plain calls pass untouched.
     */
    @Override
    public boolean wants(Call call) {
        return call.async();
    }

    @Override
    public Result intercept(Call call, Destination destination, Chain next) {
        if (!call.async()) {
            return next.proceed(call);
        }
        if (call.caller() instanceof IssuedTicket issued) {
            TicketCaller released = new TicketCaller(
                    this, issued.ticketId(), call.alias(), issued.submitter(), issued.user(), issued, issued.saved());
            Result refusal = next.proceed(call.keptBy(released));
            if (refusal != null) {
                completed(released, refusal);
            }
            return null;
        }
        if (!(call.caller() instanceof Connection submitter)) {
            return Result.failure(call.callerId(), ResultCode.BAD_REQUEST, "only a connection's calls may be async");
        }
        String ticketId = TicketIds.next();
        Instant now = Instant.now();
        Instant deadline = now.plusNanos(Math.max(0, call.deadlineNanos() - System.nanoTime()));
        CompletableFuture<Void> saved = store.saveTicket(new TicketCall(
                ticketId,
                call.alias(),
                call.method(),
                call.payload(),
                submitter.codec().wireName(),
                deadline,
                now,
                submitter.grants().user()));
        if (saved.isCompletedExceptionally()) {
            // Refused at once (write queue full, store closed): nothing ran, the caller may try again.
            return Result.failure(
                    call.callerId(), ResultCode.BUSY, "the async call could not be stored: " + failureOf(saved));
        }
        TicketCaller ticketCaller = new TicketCaller(this, ticketId, call.alias(), submitter, saved);
        saved.thenRun(() -> submitter.send(new TicketIssued(call.callerId(), ticketId)));
        Result refusal = next.proceed(call.keptBy(ticketCaller));
        if (refusal != null) {
            completed(ticketCaller, refusal); // the call's outcome: stored under the ticket like any other
        }
        return null;
    }

    /**
     * A released call (an XA branch's) that routing refused before it reached this interceptor (its session is gone,
     * the server shuts down): the refusal is its outcome, stored under its ticket like any other.
     */
    public void endReleased(IssuedTicket issued, String alias, Result refusal) {
        completed(
                new TicketCaller(
                        this, issued.ticketId(), alias, issued.submitter(), issued.user(), issued, issued.saved()),
                refusal);
    }

    private static String failureOf(CompletableFuture<?> failed) {
        try {
            failed.join();
            return "unknown";
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause() == null ? e.toString() : e.getCause().getMessage();
        }
    }

    /**
     * The call's one RESULT (already under the submitter's id, payload in its codec): stored under the ticket, then
     * notified. The outcome is queued at once, without waiting for the ticket's commit: the store's one writer
     * commits in queue order, so the outcome commits with its ticket or after it, never before (and often in the
     * same row write, when the ticket's insert is still queued). Only once both are committed is anyone told.
     * When the ticket itself could not be committed no TICKET was sent, so the RESULT goes to the submitter as the
     * DELIVER's only answer, as for a call without ASYNC.
     */
    void completed(TicketCaller caller, Result result) {
        if (caller.saved.isCompletedExceptionally()) {
            caller.saved.whenComplete((ignored, notSaved) -> notSaved(caller, result, notSaved));
            return;
        }
        Instant now = Instant.now();
        TicketOutcome outcome = new TicketOutcome(
                result.code().wireName(),
                result.code().isOk() ? null : result.message(),
                result.payload(),
                caller.codec().wireName(),
                now,
                now.plusMillis(expiryMs));
        CompletableFuture<Boolean> stored = store.completeTicket(caller.ticketId, outcome);
        // The ticket's write completes first (same writer, earlier in its queue), so its TICKET leaves first.
        stored.whenComplete((outcomeStored, failure) -> caller.saved.whenComplete((ignored, notSaved) -> {
            if (notSaved != null) {
                notSaved(caller, result, notSaved);
            } else {
                stored(caller, result, outcome, outcomeStored, failure);
            }
        }));
    }

    private static void notSaved(TicketCaller caller, Result result, Throwable notSaved) {
        log.warn(
                "{} async call {} ran but its ticket could not be stored ({}); its outcome goes to the caller "
                        + "as a plain RESULT",
                LogId.TICKET_NOT_STORED,
                caller.ticketId,
                notSaved.getMessage());
        if (caller.submitterListens()) {
            caller.submitter.answer(result);
        }
    }

    private void stored(
            TicketCaller caller, Result result, TicketOutcome outcome, Boolean outcomeStored, Throwable failure) {
        if (failure != null) {
            log.warn(
                    "{} the outcome of async call {} could not be stored ({}); a FETCH will find it pending until "
                            + "the server restarts",
                    LogId.OUTCOME_NOT_STORED,
                    caller.ticketId,
                    failure.getMessage());
        } else if (!outcomeStored) {
            // The fence: another node took the ticket over (this node was removed from the cluster) and
            // stored its outcome; FETCHes read that one.
            log.warn(
                    "{} the outcome of async call {} was not stored: another node took its ticket over",
                    LogId.TICKET_FENCED,
                    caller.ticketId);
            outcomeStoredElsewhere(caller.ticketId);
        } else {
            answerWaiters(caller, outcome);
            outcomes.accept(caller.ticketId);
        }
        if (caller.submitterListens()) {
            caller.submitter.answer(result); // the notification: the RESULT of the original DELIVER
        }
    }

    // ---- fetching ----

    /** FETCH: answered with a RESULT under {@code req}, now or (with a wait) when the call ends. */
    public void fetch(Connection fetcher, Fetch fetch) {
        long waitMs = Math.min(fetch.waitMs(), maxWaitMs);
        FetchWaiters.Waiter waiter = null;
        if (waitMs > 0) {
            // Registered before the read, so an outcome stored in between is not missed.
            FetchWaiters.Waiter w = waiters.add(fetch.ticket(), fetcher, fetch.req());
            if (w == null) {
                fetcher.answer(Result.failure(
                        fetch.req(),
                        ResultCode.BUSY,
                        "this connection has " + maxWaitingFetches + " FETCHes waiting already "
                                + "(max-waiting-fetches); fetch again when one has ended, or without waiting"));
                return;
            }
            w.timeout = timer.newTimeout(
                    t -> {
                        if (w.settle()) {
                            waiters.remove(fetch.ticket(), w);
                            fetcher.answer(pending(fetch.req(), waitMs));
                        }
                    },
                    waitMs,
                    TimeUnit.MILLISECONDS);
            waiter = w;
        }
        FetchWaiters.Waiter registered = waiter;
        try {
            reads.execute(() -> lookUp(fetcher, fetch, registered));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            fetcher.answer(Result.failure(fetch.req(), ResultCode.SHUTTING_DOWN, "the server is shutting down"));
        }
    }

    private void lookUp(Connection fetcher, Fetch fetch, FetchWaiters.Waiter waiter) {
        Optional<Ticket> ticket;
        try {
            ticket = store.findTicket(fetch.ticket());
        } catch (RuntimeException e) {
            if (settle(fetch.ticket(), waiter)) {
                log.warn("{} FETCH of a ticket failed: {}", LogId.FETCH_FAILED, e.toString());
                fetcher.answer(
                        Result.failure(fetch.req(), ResultCode.BUSY, "the store could not be read: " + e.getMessage()));
            }
            return;
        }
        Optional<TicketOutcome> outcome = ticket.flatMap(Ticket::outcome);
        if (ticket.isEmpty()
                || outcome.map(o -> !o.expiresAt().isAfter(Instant.now())).orElse(false)) {
            if (settle(fetch.ticket(), waiter)) {
                fetcher.answer(Result.failure(
                        fetch.req(),
                        ResultCode.NO_SUCH_TICKET,
                        "no ticket '" + fetch.ticket() + "': it was never issued, or the outcome of its call expired"));
            }
        } else if (!mayFetch(
                fetcher, ticket.get().call().submitter(), ticket.get().call().alias())) {
            if (settle(fetch.ticket(), waiter)) {
                fetcher.answer(forbidden(fetch.req()));
            }
        } else if (outcome.isPresent()) {
            if (settle(fetch.ticket(), waiter)) {
                fetcher.answer(reply(fetch.req(), outcome.get(), fetcher));
            }
        } else if (waiter == null) {
            fetcher.answer(pending(fetch.req(), 0));
        }
        // else: pending, and the waiter is answered by the outcome or by its timer
    }

    private boolean settle(String ticketId, FetchWaiters.Waiter waiter) {
        if (waiter == null) {
            return true;
        }
        if (!waiter.settle()) {
            return false;
        }
        waiters.remove(ticketId, waiter);
        return true;
    }

    private void answerWaiters(TicketCaller caller, TicketOutcome outcome) {
        String user = caller.user;
        for (FetchWaiters.Waiter waiter : waiters.takeAll(caller.ticketId)) {
            if (waiter.settle()) {
                waiter.fetcher.answer(
                        mayFetch(waiter.fetcher, user, caller.alias)
                                ? reply(waiter.req, outcome, waiter.fetcher)
                                : forbidden(waiter.req));
            }
        }
    }

    /**
     * The submitting user may fetch its ticket, and so may a user that may call the ticket's alias. Without
     * authentication everyone may (whoever holds the unguessable ticket id).
     */
    static boolean mayFetch(Connection fetcher, String submitter, String alias) {
        String user = fetcher.grants().user();
        return user != null && user.equals(submitter)
                || fetcher.grants().allows(io.switchboard.server.routing.Permission.CALL, alias);
    }

    private static Result forbidden(long req) {
        return Result.failure(
                req, ResultCode.FORBIDDEN, "this ticket belongs to another user, and you may not call its session");
    }

    private static Result pending(long req, long waitedMs) {
        return Result.failure(
                req,
                ResultCode.PENDING,
                waitedMs == 0 ? "the call has not ended yet" : "the call has not ended within " + waitedMs + " ms");
    }

    /** The stored outcome as a RESULT for {@code fetcher}: its payload transcoded to the fetcher's codec. */
    private Result reply(long req, TicketOutcome outcome, Connection fetcher) {
        ResultCode code;
        try {
            code = ResultCode.fromWireName(outcome.code());
        } catch (IllegalArgumentException e) {
            return Result.failure(
                    req, ResultCode.HANDLER_ERROR, "the stored outcome has an unknown code '" + outcome.code() + "'");
        }
        Codec storedIn = Codec.forName(outcome.codec()).orElse(null);
        if (storedIn == null) {
            return Result.failure(
                    req,
                    ResultCode.HANDLER_ERROR,
                    "the stored outcome is in an unknown codec '" + outcome.codec() + "'");
        }
        byte[] payload;
        try {
            payload = Payloads.convert(outcome.payload(), storedIn, false, fetcher);
        } catch (ProtocolException e) {
            return Result.failure(
                    req, ResultCode.HANDLER_ERROR, "the stored result payload is invalid: " + e.getMessage());
        }
        String message = outcome.message() == null ? "" : outcome.message();
        if (!frameLimit.resultFits(message, payload, fetcher.isTextMode())) {
            return Result.failure(
                    req,
                    ResultCode.HANDLER_ERROR,
                    "the stored result exceeds the frame limit once " + "transcoded from " + storedIn.wireName()
                            + " to " + fetcher.codec().wireName());
        }
        return new Result(req, code, message, payload);
    }
}
