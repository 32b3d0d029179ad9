package io.switchboard.server.transactions;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.TicketIssued;
import io.switchboard.protocol.message.XaCommit;
import io.switchboard.protocol.message.XaPrepare;
import io.switchboard.protocol.message.XaRecover;
import io.switchboard.protocol.message.XaRollback;
import io.switchboard.protocol.message.XaXids;
import io.switchboard.protocol.message.Xid;
import io.switchboard.server.held.StoredMeta;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Call;
import io.switchboard.server.routing.CallInterceptor;
import io.switchboard.server.routing.Connection;
import io.switchboard.server.routing.Destination;
import io.switchboard.server.routing.SessionDirectory;
import io.switchboard.server.store.BranchCall;
import io.switchboard.server.store.Store;
import io.switchboard.server.store.TicketCall;
import io.switchboard.server.tickets.TicketIds;
import io.switchboard.server.tickets.Tickets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server as an XA resource manager (docs/transactions.md). Async calls sent with an XID are held in their branch
 * and do not run; XA_PREPARE stores the branch's calls in one statement (one group commit); XA_COMMIT releases them
 * to run as ordinary async calls, in the order submitted, under the tickets issued at submit; XA_ROLLBACK drops
 * them; XA_RECOVER lists the prepared branches in the store. Unprepared branches die with the connection that opened
 * them; prepared ones live in the store until they are resolved.
 *
 * <p>Branch state changes under one lock, never across I/O: store writes complete later, on the store's writer
 * thread, and store reads run on this class's own threads, never on an event loop.
 */
public final class ResourceManager implements CallInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ResourceManager.class);

    private final Store store;
    private final Tickets tickets;
    private final SessionDirectory directory;
    private final XaLimits limits;
    private final ExecutorService reads;

    private final Object lock = new Object();
    /** Branches known here: the unprepared ones, and the prepared ones prepared or loaded by this server. */
    private final Map<Xid, Branch> branches = new HashMap<>();
    /** Unprepared branches per opening connection, for {@code max-branches-per-connection}. */
    private final Map<Connection, Set<Xid>> opened = new HashMap<>();

    private int prepared;

    public ResourceManager(Store store, Tickets tickets, SessionDirectory directory, XaLimits limits) {
        this.store = store;
        this.tickets = tickets;
        this.directory = directory;
        this.limits = limits;
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "switchboard-xa-reads");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.reads = pool;
    }

    /**
     * Before the server accepts connections: loads the prepared branches from the store; they wait for commit or
     * rollback. The number loaded.
     */
    public int loadPrepared() {
        Map<Xid, Branch> loaded = new LinkedHashMap<>();
        for (BranchCall call : store.preparedBranchCalls()) {
            Branch branch = loaded.computeIfAbsent(
                    XidKeys.parse(call.branch()), xid -> new Branch(xid, null, Branch.State.PREPARED));
            branch.calls.add(pending(call));
        }
        synchronized (lock) {
            branches.putAll(loaded);
            prepared += loaded.size();
        }
        if (!loaded.isEmpty()) {
            log.info(
                    "{} {} prepared XA branch(es) wait for commit or rollback: {}",
                    LogId.XA_BRANCHES_RECOVERED,
                    loaded.size(),
                    loaded.keySet());
        }
        return loaded.size();
    }

    /** Prepared branches this server holds now, for tests and monitoring. */
    public int preparedCount() {
        synchronized (lock) {
            return prepared;
        }
    }

    // ---- calls ----

    /** Calls sent in an XA branch (DELIVER flag XID), once routing checked them. */
    @Override
    public boolean wants(Call call) {
        return call.xid() != null;
    }

    /** Holds the call in its branch instead of running it: the caller gets its TICKET now. */
    @Override
    public Result intercept(Call call, Destination destination, Chain next) {
        if (!(call.caller() instanceof Connection caller)) {
            return Result.failure(
                    call.callerId(), ResultCode.BAD_REQUEST, "only a connection's calls join XA branches");
        }
        Xid xid = call.xid();
        long id = call.callerId();
        String ticketId = TicketIds.next();
        synchronized (lock) {
            Branch branch = branches.get(xid);
            if (branch == null) {
                Set<Xid> mine = opened.get(caller);
                if (mine == null) {
                    // Once per connection: its unprepared branches die with it.
                    mine = new LinkedHashSet<>();
                    opened.put(caller, mine);
                    caller.channel().closeFuture().addListener(f -> connectionClosed(caller));
                }
                if (mine.size() >= limits.branchesPerConnection()) {
                    log.info(
                            "{} {} has {} unprepared XA branches open (max-branches-per-connection): call refused",
                            LogId.XA_BRANCHES_PER_CONNECTION_LIMIT,
                            caller,
                            mine.size());
                    return Result.failure(
                            id,
                            ResultCode.BUSY,
                            "this connection has " + mine.size()
                                    + " unprepared XA branches open already (max-branches-per-connection)");
                }
                branch = new Branch(xid, caller, Branch.State.ACTIVE);
                branches.put(xid, branch);
                mine.add(xid);
            } else if (!java.util.Objects.equals(branch.user(), caller.grants().user())) {
                return Result.failure(
                        id,
                        ResultCode.FORBIDDEN,
                        "XA branch " + xid + " holds another user's calls: a branch takes the calls of one user");
            } else if (branch.state != Branch.State.ACTIVE) {
                return Result.failure(
                        id,
                        ResultCode.BAD_REQUEST,
                        "XA branch " + xid + " is " + branch.state.name().toLowerCase(java.util.Locale.ROOT)
                                + " already: it takes no more calls (xa-already-prepared)");
            } else if (branch.calls.size() >= limits.callsPerBranch()) {
                log.info(
                        "{} XA branch {} holds {} calls (max-calls-per-branch): call refused",
                        LogId.XA_CALLS_PER_BRANCH_LIMIT,
                        xid,
                        branch.calls.size());
                return Result.failure(
                        id,
                        ResultCode.BUSY,
                        "XA branch " + xid + " holds " + branch.calls.size() + " calls already (max-calls-per-branch)");
            }
            branch.calls.add(new PendingCall(
                    ticketId,
                    id,
                    call.alias(),
                    call.method(),
                    call.meta(),
                    call.payload(),
                    caller.codec(),
                    Math.max(1, call.remainingMs(System.nanoTime())),
                    caller.grants().user(),
                    caller));
        }
        caller.send(new TicketIssued(id, ticketId));
        return null;
    }

    private void connectionClosed(Connection connection) {
        List<Branch> dropped = new ArrayList<>();
        synchronized (lock) {
            Set<Xid> mine = opened.remove(connection);
            if (mine == null) {
                return;
            }
            for (Xid xid : mine) {
                Branch branch = branches.get(xid);
                if (branch != null && branch.state == Branch.State.ACTIVE) {
                    branches.remove(xid);
                    dropped.add(branch);
                }
            }
        }
        for (Branch branch : dropped) {
            log.info(
                    "{} {} closed: its unprepared XA branch {} and its {} call(s) are dropped",
                    LogId.XA_UNPREPARED_DISCARDED,
                    connection,
                    branch.xid,
                    branch.calls.size());
            notifyRolledBack(branch, "its XA branch was not prepared when the connection that opened it closed");
        }
    }

    // ---- XA requests ----

    /** XA_PREPARE, XA_COMMIT, XA_ROLLBACK or XA_RECOVER from {@code connection}: answered ACK, XA_XIDS or ERROR. */
    public void request(Connection connection, Message request) {
        if (request instanceof XaPrepare prepare) {
            prepare(connection, prepare);
        } else if (request instanceof XaCommit commit) {
            commit(connection, commit);
        } else if (request instanceof XaRollback rollback) {
            rollback(connection, rollback);
        } else if (request instanceof XaRecover recover) {
            recover(connection, recover);
        } else {
            throw new IllegalArgumentException("not an XA request: " + request);
        }
    }

    private void prepare(Connection connection, XaPrepare request) {
        Branch branch;
        synchronized (lock) {
            branch = branches.get(request.xid());
            if (branch == null) {
                connection.send(unknown(request.req(), request.xid()));
                return;
            }
            if (!mayResolve(connection, branch)) {
                connection.send(forbidden(request.req(), branch));
                return;
            }
            if (branch.state != Branch.State.ACTIVE) {
                connection.send(new ErrorMessage(
                        request.req(),
                        ErrorCode.XA_ALREADY_PREPARED,
                        "XA branch " + request.xid() + " is prepared already"));
                return;
            }
            if (prepared >= limits.preparedBranches()) {
                log.warn(
                        "{} the server keeps {} prepared XA branches (max-prepared-branches): branch {} rolled back",
                        LogId.XA_PREPARED_LIMIT,
                        prepared,
                        request.xid());
                forget(branch);
                notifyRolledBack(branch, "its XA branch could not be prepared: the server keeps too many");
                connection.send(new ErrorMessage(
                        request.req(),
                        ErrorCode.XA_ROLLED_BACK,
                        "the server keeps " + prepared + " prepared XA branches already (max-prepared-branches): "
                                + "branch " + request.xid() + " was rolled back"));
                return;
            }
            branch.state = Branch.State.PREPARING;
            prepared++;
            Set<Xid> mine = branch.opener == null ? null : opened.get(branch.opener);
            if (mine != null) {
                mine.remove(branch.xid); // prepared: no longer the connection's to lose
            }
        }
        Instant now = Instant.now();
        List<BranchCall> rows = new ArrayList<>(branch.calls.size());
        for (int i = 0; i < branch.calls.size(); i++) {
            PendingCall c = branch.calls.get(i);
            rows.add(new BranchCall(
                    branch.key(),
                    i,
                    c.ticketId(),
                    c.alias(),
                    c.method(),
                    c.payload(),
                    c.codec().wireName(),
                    StoredMeta.encode(c.meta()),
                    c.timeoutMs(),
                    c.user(),
                    now));
        }
        store.prepareBranch(rows).whenComplete((ok, failure) -> {
            if (failure == null) {
                synchronized (lock) {
                    branch.state = Branch.State.PREPARED;
                }
                connection.send(new Ack(request.req()));
                return;
            }
            log.warn(
                    "{} XA branch {} could not be prepared: {}",
                    LogId.XA_PREPARE_FAILED,
                    branch.xid,
                    failure.getMessage());
            synchronized (lock) {
                prepared--;
                branches.remove(branch.xid);
            }
            notifyRolledBack(branch, "its XA branch could not be prepared: the store failed");
            connection.send(new ErrorMessage(
                    request.req(),
                    ErrorCode.XA_ROLLED_BACK,
                    "XA branch " + branch.xid + " could not be stored and was rolled back: " + failure.getMessage()));
        });
    }

    private void commit(Connection connection, XaCommit request) {
        Branch branch;
        synchronized (lock) {
            branch = branches.get(request.xid());
            if (branch != null && !mayResolve(connection, branch)) {
                connection.send(forbidden(request.req(), branch));
                return;
            }
            if (branch != null) {
                String refusal = commitRefusal(branch, request.commitsInOnePhase());
                if (refusal != null) {
                    connection.send(new ErrorMessage(
                            request.req(),
                            branch.state == Branch.State.ACTIVE || branch.state == Branch.State.PREPARING
                                    ? ErrorCode.XA_NOT_PREPARED
                                    : ErrorCode.XA_ALREADY_PREPARED,
                            refusal));
                    return;
                }
                Branch.State was = branch.state;
                branch.state = Branch.State.RESOLVING;
                if (was == Branch.State.ACTIVE) {
                    forgetOpened(branch);
                }
            }
        }
        if (branch == null) {
            // Prepared by another node sharing the store, or resolved already.
            if (request.commitsInOnePhase()) {
                connection.send(unknown(request.req(), request.xid()));
                return;
            }
            fromStore(connection, request.req(), request.xid(), found -> {
                if (mayResolve(connection, found)) {
                    commitPrepared(connection, request, found);
                } else {
                    connection.send(forbidden(request.req(), found));
                }
            });
            return;
        }
        if (request.commitsInOnePhase()) {
            commitOnePhase(connection, request, branch);
        } else {
            commitPrepared(connection, request, branch);
        }
    }

    /** Why {@code branch} cannot commit so; null when it can. */
    private static String commitRefusal(Branch branch, boolean onePhase) {
        return switch (branch.state) {
            case ACTIVE ->
                onePhase
                        ? null
                        : "XA branch " + branch.xid + " is not prepared: commit it in one phase, or prepare it first";
            case PREPARING -> "XA branch " + branch.xid + " is being prepared: commit after the prepare's answer";
            case PREPARED -> onePhase ? "XA branch " + branch.xid + " is prepared: commit it in two phases" : null;
            case RESOLVING -> "XA branch " + branch.xid + " is being committed or rolled back already";
        };
    }

    /** One phase: the calls become tickets (stored now, in the order submitted) and run; ACK once stored. */
    private void commitOnePhase(Connection connection, XaCommit request, Branch branch) {
        synchronized (lock) {
            branches.remove(branch.xid);
        }
        Instant now = Instant.now();
        List<CompletableFuture<Void>> saves = new ArrayList<>();
        for (PendingCall c : branch.calls) {
            CompletableFuture<Void> saved = store.saveTicket(new TicketCall(
                    c.ticketId(),
                    c.alias(),
                    c.method(),
                    c.payload(),
                    c.codec().wireName(),
                    now.plusMillis(c.timeoutMs()),
                    now,
                    c.user()));
            saves.add(saved);
            release(c, saved);
        }
        CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).whenComplete((ok, failure) -> {
            if (failure == null) {
                connection.send(new Ack(request.req()));
            } else {
                log.warn(
                        "{} XA branch {}: not every call of its one-phase commit could be stored: {}",
                        LogId.XA_COMMIT_FAILED,
                        branch.xid,
                        failure.getMessage());
                connection.send(new ErrorMessage(
                        request.req(),
                        ErrorCode.INTERNAL,
                        "XA branch " + branch.xid + ": the store failed during its one-phase commit; calls whose "
                                + "ticket was stored run, the others were answered with the failure"));
            }
        });
    }

    /** Two phases: one UPDATE makes the prepared calls pending tickets of this node; then they run, in order. */
    private void commitPrepared(Connection connection, XaCommit request, Branch branch) {
        store.commitBranch(branch.key(), Instant.now()).whenComplete((count, failure) -> {
            if (failure != null) {
                synchronized (lock) {
                    if (branches.get(branch.xid) == branch) {
                        branch.state = Branch.State.PREPARED; // still prepared: the commit may be retried
                    }
                }
                log.warn(
                        "{} XA branch {} could not be committed: {}",
                        LogId.XA_COMMIT_FAILED,
                        branch.xid,
                        failure.getMessage());
                connection.send(new ErrorMessage(
                        request.req(),
                        ErrorCode.INTERNAL,
                        "XA branch " + branch.xid + " could not be committed (it stays prepared): "
                                + failure.getMessage()));
                return;
            }
            synchronized (lock) {
                if (branches.remove(branch.xid) != null) {
                    prepared--;
                }
            }
            if (count == 0) {
                connection.send(unknown(request.req(), branch.xid));
                return;
            }
            connection.send(new Ack(request.req()));
            CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);
            for (PendingCall c : branch.calls) {
                release(c, stored);
            }
        });
    }

    private void rollback(Connection connection, XaRollback request) {
        Branch branch;
        synchronized (lock) {
            branch = branches.get(request.xid());
            if (branch != null && !mayResolve(connection, branch)) {
                connection.send(forbidden(request.req(), branch));
                return;
            }
            if (branch != null) {
                if (branch.state == Branch.State.PREPARING || branch.state == Branch.State.RESOLVING) {
                    connection.send(new ErrorMessage(
                            request.req(),
                            ErrorCode.XA_ALREADY_PREPARED,
                            "XA branch " + request.xid() + " is being prepared, committed or rolled back: roll it back "
                                    + "after that answer"));
                    return;
                }
                if (branch.state == Branch.State.ACTIVE) {
                    forget(branch);
                    notifyRolledBack(branch, "its XA branch was rolled back");
                    connection.send(new Ack(request.req()));
                    return;
                }
                branch.state = Branch.State.RESOLVING;
            }
        }
        if (branch == null && !connection.grants().resolvesEveryXaBranch()) {
            // Only in the store (another node, or before a restart): whose it is says the stored calls' submitter.
            fromStore(connection, request.req(), request.xid(), found -> {
                if (mayResolve(connection, found)) {
                    rollbackStored(connection, request, null);
                } else {
                    connection.send(forbidden(request.req(), found));
                }
            });
            return;
        }
        rollbackStored(connection, request, branch);
    }

    /** Rolls back a prepared branch in the store: one DELETE; {@code branch} is this node's copy, if it has one. */
    private void rollbackStored(Connection connection, XaRollback request, Branch branch) {
        String key = request.xid().toString();
        store.rollbackBranch(key).whenComplete((count, failure) -> {
            if (failure != null) {
                synchronized (lock) {
                    if (branch != null && branches.get(branch.xid) == branch) {
                        branch.state = Branch.State.PREPARED;
                    }
                }
                log.warn(
                        "{} XA branch {} could not be rolled back: {}",
                        LogId.XA_ROLLBACK_FAILED,
                        key,
                        failure.getMessage());
                connection.send(new ErrorMessage(
                        request.req(),
                        ErrorCode.INTERNAL,
                        "XA branch " + key + " could not be rolled back (it stays prepared): " + failure.getMessage()));
                return;
            }
            synchronized (lock) {
                if (branch != null && branches.remove(branch.xid) != null) {
                    prepared--;
                }
            }
            if (count == 0) {
                connection.send(unknown(request.req(), request.xid()));
                return;
            }
            if (branch != null) {
                notifyRolledBack(branch, "its XA branch was rolled back");
            }
            connection.send(new Ack(request.req()));
        });
    }

    private void recover(Connection connection, XaRecover request) {
        reads.execute(() -> {
            try {
                Set<Xid> xids = new LinkedHashSet<>();
                boolean every = connection.grants().resolvesEveryXaBranch();
                String user = connection.grants().user();
                for (BranchCall call : store.preparedBranchCalls()) {
                    if (every || java.util.Objects.equals(call.submitter(), user)) {
                        xids.add(XidKeys.parse(call.branch()));
                    }
                }
                connection.send(new XaXids(request.req(), new ArrayList<>(xids)));
            } catch (RuntimeException e) {
                connection.send(new ErrorMessage(
                        request.req(),
                        ErrorCode.INTERNAL,
                        "the prepared XA branches could not be read: " + e.getMessage()));
            }
        });
    }

    // ---- helpers ----

    /** Runs one released call as an async call under its ticket. */
    private void release(PendingCall c, CompletableFuture<Void> saved) {
        Connection submitter = c.submitter() != null && !c.submitter().isClosed() ? c.submitter() : null;
        ReleasedCall caller = new ReleasedCall(c.ticketId(), c.user(), submitter, c.codec(), saved);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(c.timeoutMs());
        Call call =
                new Call(caller, c.callerId(), c.alias(), c.method(), c.meta(), c.payload(), deadline, 0, true, false);
        Result refusal;
        Destination destination = directory.destinationOf(c.alias(), true);
        if (destination == null) {
            refusal = Result.failure(
                    c.callerId(), ResultCode.NO_SUCH_SESSION, "no session '" + c.alias() + "' is published");
        } else if (!destination.hasMethod(c.method())) {
            refusal = Result.failure(
                    c.callerId(),
                    ResultCode.UNKNOWN_METHOD,
                    "session '" + c.alias() + "' has no method '" + c.method() + "'");
        } else {
            // As routing would: the ticket machinery keeps the call's outcome, the destination takes the call.
            refusal = tickets.intercept(call, destination, destination::route);
        }
        if (refusal != null) {
            tickets.endReleased(caller, c.alias(), refusal);
        }
    }

    /** Reads a branch another node prepared (or this one before a restart it forgot) from the store. */
    private void fromStore(Connection connection, long req, Xid xid, java.util.function.Consumer<Branch> then) {
        reads.execute(() -> {
            Branch found = new Branch(xid, null, Branch.State.RESOLVING);
            try {
                for (BranchCall call : store.preparedBranchCalls()) {
                    if (call.branch().equals(xid.toString())) {
                        found.calls.add(pending(call));
                    }
                }
            } catch (RuntimeException e) {
                connection.send(new ErrorMessage(
                        req, ErrorCode.INTERNAL, "XA branch " + xid + " could not be read: " + e.getMessage()));
                return;
            }
            if (found.calls.isEmpty()) {
                connection.send(unknown(req, xid));
            } else {
                then.accept(found);
            }
        });
    }

    /** A stored call as a pending one: no submitter to notify (the DELIVER id is meaningless now). */
    private static PendingCall pending(BranchCall stored) {
        CallMeta meta;
        try {
            meta = StoredMeta.decode(stored.meta());
        } catch (RuntimeException e) {
            meta = CallMeta.NONE;
        }
        Codec codec = Codec.forName(stored.codec())
                .orElseThrow(() -> new IllegalStateException("XA branch " + stored.branch()
                        + ": a call's payload is in an unknown codec '" + stored.codec() + "'"));
        return new PendingCall(
                stored.ticketId(),
                0,
                stored.alias(),
                stored.method(),
                meta,
                stored.payload(),
                codec,
                stored.timeoutMs(),
                stored.submitter(),
                null);
    }

    private void forget(Branch branch) {
        branches.remove(branch.xid);
        forgetOpened(branch);
    }

    private void forgetOpened(Branch branch) {
        Set<Xid> mine = branch.opener == null ? null : opened.get(branch.opener);
        if (mine != null) {
            mine.remove(branch.xid);
        }
    }

    /** Tells the submitters still connected that their calls will never run: RESULT rolled-back under the call's id. */
    private static void notifyRolledBack(Branch branch, String why) {
        for (PendingCall c : branch.calls) {
            if (c.submitter() != null && !c.submitter().isClosed()) {
                c.submitter()
                        .answer(Result.failure(c.callerId(), ResultCode.ROLLED_BACK, "the call never ran: " + why));
            }
        }
    }

    /**
     * Whether {@code connection} may prepare, commit or roll back {@code branch}: the user whose calls it holds, or a
     * user with the transactions permission (everyone without authentication).
     */
    private static boolean mayResolve(Connection connection, Branch branch) {
        return connection.grants().resolvesEveryXaBranch()
                || java.util.Objects.equals(branch.user(), connection.grants().user());
    }

    private static ErrorMessage forbidden(long req, Branch branch) {
        return new ErrorMessage(
                req,
                ErrorCode.FORBIDDEN,
                "XA branch " + branch.xid + " holds another user's calls: only that user, or a user with the "
                        + "transactions permission, may prepare, commit or roll it back");
    }

    private static ErrorMessage unknown(long req, Xid xid) {
        return new ErrorMessage(
                req,
                ErrorCode.XA_UNKNOWN_XID,
                "no XA branch " + xid + ": no call was sent in it, or it was committed or rolled back already");
    }
}
