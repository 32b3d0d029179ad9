package io.switchboard.server.store;

import io.switchboard.protocol.SessionPolicy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * The {@link Store} on JDBC, for SQLite and PostgreSQL alike: the schema and every statement are portable (upserts
 * use {@code INSERT ... ON CONFLICT ... DO UPDATE}, which both speak). Writes go through the
 * {@link GroupCommitWriter}, reads through {@link ReadConnections}.
 */
final class JdbcStore implements Store {

    private static final IntFunction<Void> NOTHING = count -> null;
    private static final IntFunction<Boolean> FOUND = count -> count > 0;
    private static final IntFunction<Integer> COUNT = count -> count;

    private static final String SAVE_REGISTRATION = "INSERT INTO ttl_registration"
            + " (instance_id, name, endpoints, metadata, ttl_ms, expires_at, registered_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (instance_id) DO UPDATE SET name = excluded.name, endpoints = excluded.endpoints,"
            + " metadata = excluded.metadata, ttl_ms = excluded.ttl_ms, expires_at = excluded.expires_at";
    private static final String REMOVE_REGISTRATION = "DELETE FROM ttl_registration WHERE instance_id = ?";
    private static final String REMOVE_EXPIRED_REGISTRATIONS = "DELETE FROM ttl_registration WHERE expires_at <= ?";
    private static final String LOAD_REGISTRATIONS = "SELECT instance_id, name, endpoints, metadata, ttl_ms,"
            + " expires_at, registered_at FROM ttl_registration ORDER BY name, registered_at, instance_id";

    /**
     * A ticket, with its outcome when that came while the ticket's insert was still queued (else NULL there): one
     * statement for both, so a batch's ticket inserts are one JDBC batch.
     */
    private static final String SAVE_TICKET = "INSERT INTO ticket"
            + " (ticket_id, alias, method, payload, codec, deadline, created_at, submitter, owner_epoch,"
            + " outcome_code, outcome_message, outcome_payload, outcome_codec, completed_at, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    // The ticket writes' ranks (WriteOrder): the inserts before the outcomes' updates, each kind in one JDBC batch.
    private static final int SAVE_TICKET_RANK = 0;
    private static final int COMPLETE_TICKET_RANK = 1;
    // Only the first outcome counts: a ticket's call ends once.
    private static final String COMPLETE_TICKET = "UPDATE ticket SET outcome_code = ?, outcome_message = ?,"
            + " outcome_payload = ?, outcome_codec = ?, completed_at = ?, expires_at = ?"
            + " WHERE ticket_id = ? AND outcome_code IS NULL AND owner_epoch = ?";
    static final String TICKET_COLUMNS = "ticket_id, alias, method, payload, codec, deadline, created_at,"
            + " outcome_code, outcome_message, outcome_payload, outcome_codec, completed_at, expires_at, submitter";
    private static final String FIND_TICKET = "SELECT " + TICKET_COLUMNS + " FROM ticket WHERE ticket_id = ?";
    private static final String PENDING_TICKETS = "SELECT " + TICKET_COLUMNS + " FROM ticket"
            + " WHERE outcome_code IS NULL AND owner_epoch = ? ORDER BY created_at, ticket_id";
    private static final String REMOVE_EXPIRED_TICKETS = "DELETE FROM ticket WHERE expires_at <= ?";

    /** The owner of the calls of a prepared XA branch: no node (epochs start at 1, a single server is 0). */
    static final long BRANCH_OWNER = -1;

    private static final String PREPARE_BRANCH_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PREPARE_BRANCH = "INSERT INTO ticket"
            + " (ticket_id, alias, method, payload, codec, deadline, created_at, submitter, owner_epoch,"
            + " xa_branch, xa_seq, xa_timeout_ms, xa_meta, xa_prepared_at) VALUES ";
    private static final String COMMIT_BRANCH = "UPDATE ticket SET owner_epoch = ?, deadline = ? + xa_timeout_ms,"
            + " xa_branch = NULL WHERE xa_branch = ? AND owner_epoch = " + BRANCH_OWNER;
    private static final String ROLLBACK_BRANCH =
            "DELETE FROM ticket WHERE xa_branch = ? AND owner_epoch = " + BRANCH_OWNER;
    private static final String PREPARED_BRANCH_CALLS = "SELECT xa_branch, xa_seq, ticket_id, alias, method, payload,"
            + " codec, xa_meta, xa_timeout_ms, submitter, xa_prepared_at FROM ticket WHERE owner_epoch = "
            + BRANCH_OWNER + " ORDER BY xa_prepared_at, xa_branch, xa_seq";

    private static final String HOLD_CALL = "INSERT INTO held_call"
            + " (call_id, alias, method, payload, codec, meta, deadline, arrival, owner_epoch)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String HELD_COLUMNS = "call_id, alias, method, payload, codec, meta, deadline, arrival, delivering";
    private static final String HELD_CALLS =
            "SELECT " + HELD_COLUMNS + " FROM held_call WHERE alias = ? AND owner_epoch = ? ORDER BY arrival";
    private static final String RELEASE_HELD_CALL = "DELETE FROM held_call WHERE call_id = ? AND owner_epoch = ?";
    // Compare-and-set on the owner: a node whose calls were taken over cannot mark (nor so deliver) them.
    private static final String MARK_DELIVERING =
            "UPDATE held_call SET delivering = 1" + " WHERE call_id = ? AND owner_epoch = ? AND delivering = 0";
    private static final String UNMARK_DELIVERING =
            "UPDATE held_call SET delivering = 0 WHERE call_id = ? AND owner_epoch = ?";

    private static final String LAST_HELD_ARRIVAL = "SELECT COALESCE(MAX(arrival), 0) FROM held_call";

    private static final String SAVE_HELD_SESSION = "INSERT INTO held_session"
            + " (alias, methods, idempotent_methods, policy) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (alias) DO UPDATE SET methods = excluded.methods,"
            + " idempotent_methods = excluded.idempotent_methods, policy = excluded.policy";
    private static final String REMOVE_HELD_SESSION = "DELETE FROM held_session WHERE alias = ?";
    private static final String LOAD_HELD_SESSIONS =
            "SELECT alias, methods, idempotent_methods, policy" + " FROM held_session ORDER BY alias";

    private final String location;
    /** The epoch whose rows this store works on (0 without a cluster); set once by {@link #takeEpoch}. */
    private volatile long owner;

    private final GroupCommitWriter writer;
    /**
     * The ticket inserts queued and not yet committed, by ticket id: an outcome stored while its ticket's insert
     * still waits in the queue is folded into that insert. An entry leaves when its write completes.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, QueuedTicket> queuedTickets =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final ReadConnections reads;
    private final long closeTimeoutMs;

    /** Connections set up like the store's own, for JGroups' JDBC_PING2; null for SQLite. */
    private final javax.sql.DataSource sharedConnections;

    JdbcStore(
            String location,
            GroupCommitWriter writer,
            ReadConnections reads,
            long closeTimeoutMs,
            javax.sql.DataSource sharedConnections) {
        this.sharedConnections = sharedConnections;
        this.location = location;
        this.writer = writer;
        this.reads = reads;
        this.closeTimeoutMs = closeTimeoutMs;
    }

    GroupCommitWriter writer() {
        return writer;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void observe(WriteObserver observer) {
        writer.observe(observer);
    }

    @Override
    public Optional<javax.sql.DataSource> dataSource() {
        return Optional.ofNullable(sharedConnections);
    }

    @Override
    public java.util.Optional<String> writeFailure() {
        return java.util.Optional.ofNullable(writer.failure());
    }

    @Override
    public int queueDepth() {
        return writer.queueDepth();
    }

    // ---- registry ----

    @Override
    public CompletableFuture<Void> saveRegistration(TtlRegistration r) {
        String endpoints = JsonColumns.write(r.endpoints());
        String metadata = JsonColumns.write(r.metadata());
        return writer.submit(
                SAVE_REGISTRATION,
                s -> {
                    s.setString(1, r.instanceId());
                    s.setString(2, r.name());
                    s.setString(3, endpoints);
                    s.setString(4, metadata);
                    s.setLong(5, r.ttl().toMillis());
                    s.setLong(6, r.expiresAt().toEpochMilli());
                    s.setLong(7, micros(r.registeredAt()));
                },
                NOTHING);
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    @Override
    public CompletableFuture<Boolean> removeRegistration(String instanceId) {
        return writer.submit(REMOVE_REGISTRATION, s -> s.setString(1, instanceId), FOUND);
    }

    @Override
    public List<TtlRegistration> loadRegistrations() {
        return reads.read(c -> {
            try (PreparedStatement s = c.prepareStatement(LOAD_REGISTRATIONS);
                    ResultSet rs = s.executeQuery()) {
                List<TtlRegistration> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(new TtlRegistration(
                            rs.getString("name"),
                            rs.getString("instance_id"),
                            JsonColumns.list(rs.getString("endpoints"), "endpoints"),
                            JsonColumns.map(rs.getString("metadata"), "metadata"),
                            Duration.ofMillis(rs.getLong("ttl_ms")),
                            Instant.ofEpochMilli(rs.getLong("expires_at")),
                            Instant.EPOCH.plus(rs.getLong("registered_at"), ChronoUnit.MICROS)));
                }
                return all;
            }
        });
    }

    @Override
    public CompletableFuture<Integer> removeExpiredRegistrations(Instant now) {
        long at = now.toEpochMilli();
        return writer.submit(REMOVE_EXPIRED_REGISTRATIONS, s -> s.setLong(1, at), COUNT);
    }

    // ---- tickets ----

    /** A queued ticket insert: the call, the epoch it is stored under and the write itself. */
    private record QueuedTicket(TicketCall call, long epoch, PendingWrite<Void> write) {}

    @Override
    public CompletableFuture<Void> saveTicket(TicketCall call) {
        long epoch = owner;
        PendingWrite<Void> write =
                writer.queue(SAVE_TICKET, SAVE_TICKET_RANK, s -> bindNoOutcome(s, bindTicket(s, call, epoch)), NOTHING);
        QueuedTicket queued = new QueuedTicket(call, epoch, write);
        queuedTickets.put(call.ticketId(), queued);
        // Registered after the put: an entry of a write already completed (refused at once) is removed too.
        write.future.whenComplete((ignored, failure) -> queuedTickets.remove(call.ticketId(), queued));
        return write.future;
    }

    /** The ticket columns of SAVE_TICKET; returns the next parameter index. */
    private static int bindTicket(PreparedStatement s, TicketCall call, long epoch) throws SQLException {
        s.setString(1, call.ticketId());
        s.setString(2, call.alias());
        s.setString(3, call.method());
        s.setBytes(4, call.payload());
        s.setString(5, call.codec());
        s.setLong(6, call.deadline().toEpochMilli());
        s.setLong(7, call.createdAt().toEpochMilli());
        s.setString(8, call.submitter());
        s.setLong(9, epoch);
        return 10;
    }

    /** No outcome yet: SAVE_TICKET's outcome columns from parameter {@code p} on are NULL. */
    private static void bindNoOutcome(PreparedStatement s, int p) throws SQLException {
        s.setNull(p++, Types.VARCHAR);
        s.setNull(p++, Types.VARCHAR);
        s.setNull(p++, Types.BINARY);
        s.setNull(p++, Types.VARCHAR);
        s.setNull(p++, Types.BIGINT);
        s.setNull(p, Types.BIGINT);
    }

    /** The outcome's columns, from parameter {@code p} on, in the order of SAVE_TICKET and COMPLETE_TICKET. */
    private static int bindOutcome(PreparedStatement s, int p, TicketOutcome outcome) throws SQLException {
        s.setString(p++, outcome.code());
        s.setString(p++, outcome.message());
        s.setBytes(p++, outcome.payload());
        s.setString(p++, outcome.codec());
        s.setLong(p++, outcome.completedAt().toEpochMilli());
        s.setLong(p++, outcome.expiresAt().toEpochMilli());
        return p;
    }

    /**
     * When the ticket's insert is still queued, the outcome is folded into it (one row written once, which is
     * what an insert followed by the update in one transaction would leave); otherwise an update queued behind
     * it. Either way it commits in the ticket's transaction or a later one, never an earlier one.
     */
    @Override
    public CompletableFuture<Boolean> completeTicket(String ticketId, TicketOutcome outcome) {
        long epoch = owner;
        QueuedTicket queued = queuedTickets.get(ticketId);
        if (queued != null && queued.epoch == epoch) {
            TicketCall call = queued.call;
            CompletableFuture<Boolean> folded = queued.write.fold(
                    SAVE_TICKET,
                    SAVE_TICKET_RANK,
                    s -> bindOutcome(s, bindTicket(s, call, epoch), outcome),
                    Boolean.TRUE);
            if (folded != null) {
                return folded;
            }
        }
        return writer.queue(
                        COMPLETE_TICKET,
                        COMPLETE_TICKET_RANK,
                        s -> {
                            int p = bindOutcome(s, 1, outcome);
                            s.setString(p++, ticketId);
                            s.setLong(p, epoch);
                        },
                        FOUND)
                .future;
    }

    @Override
    public Optional<Ticket> findTicket(String ticketId) {
        return reads.read(c -> {
            try (PreparedStatement s = c.prepareStatement(FIND_TICKET)) {
                s.setString(1, ticketId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(ticket(rs)) : Optional.<Ticket>empty();
                }
            }
        });
    }

    @Override
    public List<TicketCall> pendingTickets() {
        return reads.read(c -> {
            try (PreparedStatement s = c.prepareStatement(PENDING_TICKETS)) {
                s.setLong(1, owner);
                try (ResultSet rs = s.executeQuery()) {
                    List<TicketCall> pending = new ArrayList<>();
                    while (rs.next()) {
                        pending.add(ticket(rs).call());
                    }
                    return pending;
                }
            }
        });
    }

    @Override
    public CompletableFuture<Integer> removeExpiredTickets(Instant now) {
        long at = now.toEpochMilli();
        return writer.submit(REMOVE_EXPIRED_TICKETS, s -> s.setLong(1, at), COUNT);
    }

    // ---- XA branches ----

    @Override
    public CompletableFuture<Void> prepareBranch(List<BranchCall> calls) {
        if (calls.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        // One multi-row INSERT: one statement, so the branch is stored whole or not at all.
        String sql =
                PREPARE_BRANCH + String.join(", ", java.util.Collections.nCopies(calls.size(), PREPARE_BRANCH_ROW));
        List<BranchCall> rows = List.copyOf(calls);
        return writer.submit(
                sql,
                s -> {
                    int p = 1;
                    for (BranchCall c : rows) {
                        s.setString(p++, c.ticketId());
                        s.setString(p++, c.alias());
                        s.setString(p++, c.method());
                        s.setBytes(p++, c.payload());
                        s.setString(p++, c.codec());
                        s.setLong(p++, 0); // set at commit
                        s.setLong(p++, c.preparedAt().toEpochMilli());
                        s.setString(p++, c.submitter());
                        s.setLong(p++, BRANCH_OWNER);
                        s.setString(p++, c.branch());
                        s.setInt(p++, c.seq());
                        s.setLong(p++, c.timeoutMs());
                        s.setBytes(p++, c.meta());
                        s.setLong(p++, c.preparedAt().toEpochMilli());
                    }
                },
                NOTHING);
    }

    @Override
    public CompletableFuture<Integer> commitBranch(String branch, Instant now) {
        long epoch = owner;
        return writer.submit(
                COMMIT_BRANCH,
                s -> {
                    s.setLong(1, epoch);
                    s.setLong(2, now.toEpochMilli());
                    s.setString(3, branch);
                },
                COUNT);
    }

    @Override
    public CompletableFuture<Integer> rollbackBranch(String branch) {
        return writer.submit(ROLLBACK_BRANCH, s -> s.setString(1, branch), COUNT);
    }

    @Override
    public List<BranchCall> preparedBranchCalls() {
        return reads.read(c -> {
            try (PreparedStatement s = c.prepareStatement(PREPARED_BRANCH_CALLS);
                    ResultSet rs = s.executeQuery()) {
                List<BranchCall> calls = new ArrayList<>();
                while (rs.next()) {
                    calls.add(new BranchCall(
                            rs.getString("xa_branch"),
                            rs.getInt("xa_seq"),
                            rs.getString("ticket_id"),
                            rs.getString("alias"),
                            rs.getString("method"),
                            rs.getBytes("payload"),
                            rs.getString("codec"),
                            rs.getBytes("xa_meta"),
                            rs.getLong("xa_timeout_ms"),
                            rs.getString("submitter"),
                            Instant.ofEpochMilli(rs.getLong("xa_prepared_at"))));
                }
                return calls;
            }
        });
    }

    static Ticket ticket(ResultSet rs) throws SQLException {
        TicketCall call = new TicketCall(
                rs.getString("ticket_id"),
                rs.getString("alias"),
                rs.getString("method"),
                rs.getBytes("payload"),
                rs.getString("codec"),
                Instant.ofEpochMilli(rs.getLong("deadline")),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("submitter"));
        String code = rs.getString("outcome_code");
        if (code == null) {
            return new Ticket(call, Optional.empty());
        }
        return new Ticket(
                call,
                Optional.of(new TicketOutcome(
                        code,
                        rs.getString("outcome_message"),
                        rs.getBytes("outcome_payload"),
                        rs.getString("outcome_codec"),
                        Instant.ofEpochMilli(rs.getLong("completed_at")),
                        Instant.ofEpochMilli(rs.getLong("expires_at")))));
    }

    // ---- held calls ----

    @Override
    public CompletableFuture<Void> holdCall(HeldCall call) {
        long epoch = owner;
        return writer.submit(
                HOLD_CALL,
                s -> {
                    s.setString(1, call.callId());
                    s.setString(2, call.alias());
                    s.setString(3, call.method());
                    s.setBytes(4, call.payload());
                    s.setString(5, call.codec());
                    s.setBytes(6, call.meta());
                    s.setLong(7, call.deadline().toEpochMilli());
                    s.setLong(8, call.arrival());
                    s.setLong(9, epoch);
                },
                NOTHING);
    }

    @Override
    public List<HeldCall> heldCalls(String alias) {
        return reads.read(c -> {
            try (PreparedStatement s = c.prepareStatement(HELD_CALLS)) {
                s.setString(1, alias);
                s.setLong(2, owner);
                try (ResultSet rs = s.executeQuery()) {
                    List<HeldCall> calls = new ArrayList<>();
                    while (rs.next()) {
                        calls.add(heldCall(rs));
                    }
                    return calls;
                }
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> releaseHeldCall(String callId) {
        return writer.submit(RELEASE_HELD_CALL, owned(callId), FOUND);
    }

    @Override
    public CompletableFuture<Boolean> markDelivering(String callId) {
        return writer.submit(MARK_DELIVERING, owned(callId), FOUND);
    }

    @Override
    public CompletableFuture<Boolean> unmarkDelivering(String callId) {
        return writer.submit(UNMARK_DELIVERING, owned(callId), FOUND);
    }

    /** Binds a call id and this store's owner epoch (read now, not when the writer runs). */
    private ParameterBinder owned(String callId) {
        long epoch = owner;
        return s -> {
            s.setString(1, callId);
            s.setLong(2, epoch);
        };
    }

    static HeldCall heldCall(ResultSet rs) throws SQLException {
        return new HeldCall(
                rs.getString("call_id"),
                rs.getString("alias"),
                rs.getString("method"),
                rs.getBytes("payload"),
                rs.getString("codec"),
                rs.getBytes("meta"),
                Instant.ofEpochMilli(rs.getLong("deadline")),
                rs.getLong("arrival"),
                rs.getInt("delivering") != 0);
    }

    // ---- cluster ownership ----

    @Override
    public long ownerEpoch() {
        return owner;
    }

    @Override
    public long takeEpoch(String nodeName) {
        long epoch = ownership().takeEpoch(nodeName);
        owner = epoch;
        return epoch;
    }

    @Override
    public void nodeAddress(long epoch, String address) {
        ownership().nodeAddress(epoch, address);
    }

    @Override
    public Takeover takeOver(java.util.function.Predicate<String> alive) {
        long me = owner;
        return me == 0 ? Takeover.NONE : ownership().takeOver(me, alive);
    }

    private ClusterOwnership ownership() {
        if (sharedConnections == null) {
            throw new StoreException("store " + location + " cannot run a cluster: it needs PostgreSQL");
        }
        return new ClusterOwnership(location, sharedConnections);
    }

    @Override
    public long lastHeldArrival() {
        return reads.read(c -> {
            try (PreparedStatement s = c.prepareStatement(LAST_HELD_ARRIVAL);
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    // ---- hold sessions ----

    @Override
    public CompletableFuture<Void> saveHeldSession(HeldSessionDefinition d) {
        String methods = JsonColumns.write(d.methods());
        String idempotent = JsonColumns.write(d.idempotentMethods());
        return writer.submit(
                SAVE_HELD_SESSION,
                s -> {
                    s.setString(1, d.alias());
                    s.setString(2, methods);
                    s.setString(3, idempotent);
                    s.setString(4, d.policy().wireName());
                },
                NOTHING);
    }

    @Override
    public CompletableFuture<Boolean> removeHeldSession(String alias) {
        return writer.submit(REMOVE_HELD_SESSION, s -> s.setString(1, alias), FOUND);
    }

    @Override
    public List<HeldSessionDefinition> loadHeldSessions() {
        return reads.read(c -> {
            try (PreparedStatement s = c.prepareStatement(LOAD_HELD_SESSIONS);
                    ResultSet rs = s.executeQuery()) {
                List<HeldSessionDefinition> all = new ArrayList<>();
                while (rs.next()) {
                    SessionPolicy policy;
                    try {
                        policy = SessionPolicy.forWireName(rs.getString("policy"));
                    } catch (IllegalArgumentException e) {
                        throw new SQLException("held_session " + rs.getString("alias") + ": " + e.getMessage(), e);
                    }
                    all.add(new HeldSessionDefinition(
                            rs.getString("alias"),
                            JsonColumns.list(rs.getString("methods"), "methods"),
                            JsonColumns.list(rs.getString("idempotent_methods"), "idempotent_methods"),
                            policy));
                }
                return all;
            }
        });
    }

    @Override
    public void close() {
        writer.close(closeTimeoutMs);
        reads.close();
    }

    @Override
    public String toString() {
        return "Store[" + location + "]";
    }
}
