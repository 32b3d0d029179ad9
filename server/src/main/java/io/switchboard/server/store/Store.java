package io.switchboard.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The server's durable state: TTL registry entries, async call tickets, held calls and the definitions of
 * {@code hold} sessions. Two implementations share one schema and one set of migrations: SQLite (the embedded
 * default) and PostgreSQL.
 *
 * <p>Writes are queued to the store's single writer thread, which commits everything queued in one transaction
 * (group commit); a write's future completes once the transaction holding it is committed, or exceptionally with
 * a {@link StoreException} when it failed. The futures complete on the writer thread: callbacks must not block.
 * Reads run on the calling thread against a committed state and never wait for queued writes.
 *
 * <p>Times are stored with millisecond precision.
 */
public interface Store extends AutoCloseable {

    /** Where the data lives, for logs and errors: the SQLite file or the JDBC URL (never a password). */
    String location();

    /** Tells {@code observer} of every write from now on (metrics); set once at start. */
    default void observe(WriteObserver observer) {}

    /** {@code sqlite} or {@code postgresql}. */
    default String backend() {
        return location().startsWith("jdbc:postgresql:") ? "postgresql" : "sqlite";
    }

    /**
     * Why the store's writes fail now: the last write failed and none has committed since. Empty while writes
     * succeed. The monitoring port's {@code /healthz} answers 503 while it is present.
     */
    default Optional<String> writeFailure() {
        return Optional.empty();
    }

    /**
     * Connections to the store's database for the cluster's discovery (JGroups JDBC_PING2), opened like the
     * store's own; present for PostgreSQL only.
     */
    default Optional<javax.sql.DataSource> dataSource() {
        return Optional.empty();
    }

    /** Writes queued for the writer and not yet committed. */
    default int queueDepth() {
        return 0;
    }

    // ---- cluster ownership (docs/cluster.md, "Shared durable state") ----

    /**
     * The epoch whose tickets and held calls this store works on: 0 (unowned rows) without a cluster, else the
     * epoch taken by {@link #takeEpoch}. Loads see only its rows; every change of a row is conditional on it, so a
     * node whose rows were taken over can no longer touch them.
     */
    default long ownerEpoch() {
        return 0;
    }

    /**
     * Takes a fresh membership epoch from the store's counter (unique for the life of the database), records the
     * node as alive under it, and works on that epoch's rows from now on. PostgreSQL only.
     *
     * @throws StoreException when the store cannot give one
     */
    default long takeEpoch(String nodeName) {
        throw new StoreException("store " + location() + " cannot run a cluster: it needs PostgreSQL");
    }

    /** Records the cluster address of the node holding {@code epoch}, once it has joined. */
    default void nodeAddress(long epoch, String address) {
        throw new StoreException("store " + location() + " cannot run a cluster: it needs PostgreSQL");
    }

    /**
     * Takes over the pending tickets and held calls of every node that is gone: a recorded node owning rows whose
     * address {@code alive} (asked after the nodes were read) denies, and the unowned rows of epoch 0. In one transaction;
     * each row changes owner only if it still has the old one, so exactly one node wins it.
     */
    default Takeover takeOver(java.util.function.Predicate<String> alive) {
        return Takeover.NONE;
    }

    // ---- registry: TTL entries (connection-bound entries are never stored) ----

    /** Inserts the entry or replaces the one with the same instance id (a refresh or a re-REGISTER). */
    CompletableFuture<Void> saveRegistration(TtlRegistration registration);

    /** Removes one instance's entry; true when it was there. Other instances of the same name stay. */
    CompletableFuture<Boolean> removeRegistration(String instanceId);

    /** Every stored entry, expired or not (the caller decides), for loading at start-up. */
    List<TtlRegistration> loadRegistrations();

    /** Removes the entries whose expiry is at or before {@code now}; the number removed. */
    CompletableFuture<Integer> removeExpiredRegistrations(Instant now);

    // ---- async calls: tickets ----

    /** Records a submitted async call; its ticket id must be new. */
    CompletableFuture<Void> saveTicket(TicketCall call);

    /**
     * Records the outcome of a ticket's call; false when no such ticket is stored (expired or unknown) or it
     * already has one (a call ends once).
     */
    CompletableFuture<Boolean> completeTicket(String ticketId, TicketOutcome outcome);

    /** The ticket with its outcome if the call has completed; empty for an unknown or removed ticket. */
    Optional<Ticket> findTicket(String ticketId);

    /**
     * Removes the completed tickets whose outcome expired at or before {@code now}; the number removed.
     * Tickets still waiting for their outcome are kept.
     */
    CompletableFuture<Integer> removeExpiredTickets(Instant now);

    /** The tickets still waiting for their outcome (after a restart: calls that were in flight), oldest first. */
    List<TicketCall> pendingTickets();

    // ---- XA branches (docs/transactions.md) ----

    /**
     * Stores the calls of one branch as prepared, all in one statement (so in one commit, all or none); they are
     * tickets no node owns until {@link #commitBranch}.
     */
    default CompletableFuture<Void> prepareBranch(List<BranchCall> calls) {
        return CompletableFuture.failedFuture(new StoreException("store " + location() + " keeps no XA branches"));
    }

    /**
     * Commits a prepared branch in one statement: its calls become pending tickets of this node, their deadlines
     * {@code now} plus their timeouts. The number of calls released: 0 when the branch is not (any more) prepared,
     * so exactly one commit releases them, also across nodes sharing the store.
     */
    default CompletableFuture<Integer> commitBranch(String branch, Instant now) {
        return CompletableFuture.failedFuture(new StoreException("store " + location() + " keeps no XA branches"));
    }

    /** Deletes a prepared branch's calls; the number deleted (0: not prepared, or resolved already). */
    default CompletableFuture<Integer> rollbackBranch(String branch) {
        return CompletableFuture.failedFuture(new StoreException("store " + location() + " keeps no XA branches"));
    }

    /** The calls of every prepared branch, branches oldest first, each branch's calls in their order. */
    default List<BranchCall> preparedBranchCalls() {
        return List.of();
    }

    // ---- held calls ----

    /** Keeps a call for an alias whose publishers are away; its call id must be new. */
    CompletableFuture<Void> holdCall(HeldCall call);

    /** The held calls of one alias in arrival order. */
    List<HeldCall> heldCalls(String alias);

    /**
     * Marks a held call as on its way to a publisher, before it is sent; false when it is not this node's to
     * deliver (taken over by another node, or marked already). After a crash a marked call follows its session's
     * lost-publisher policy.
     */
    default CompletableFuture<Boolean> markDelivering(String callId) {
        return CompletableFuture.completedFuture(true);
    }

    /** Clears the delivering mark of a call that goes back to waiting (an idempotent call held again). */
    default CompletableFuture<Boolean> unmarkDelivering(String callId) {
        return CompletableFuture.completedFuture(true);
    }

    /**
     * Removes a held call (delivered or expired); true only for the one removal that found it, so a call is
     * delivered or timed out at most once even when both race or the server restarted in between.
     */
    CompletableFuture<Boolean> releaseHeldCall(String callId);

    /** The highest arrival sequence stored, 0 when none: a restarted server continues after it. */
    long lastHeldArrival();

    // ---- definitions of hold sessions ----

    /** Inserts or replaces the definition of the alias's session. */
    CompletableFuture<Void> saveHeldSession(HeldSessionDefinition definition);

    /** Removes the alias's definition; true when it was there. */
    CompletableFuture<Boolean> removeHeldSession(String alias);

    /** Every stored definition, ordered by alias. */
    List<HeldSessionDefinition> loadHeldSessions();

    /**
     * Stops taking writes, commits what is queued (waiting at most the store's close deadline) and closes the
     * connections. Writes offered afterwards fail with a {@link StoreException}.
     */
    @Override
    void close();
}
