package io.switchboard.server.store;

import io.switchboard.server.logging.LogId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one writer thread. It takes everything queued (at most {@code maxBatch} writes), runs it in one
 * transaction and commits once, so many writes share one fsync; then it completes each write's future. There is no
 * timer: a batch is whatever queued while the previous one committed, so the busier the store, the bigger its
 * batches. Runs of consecutive writes with the same SQL go to the database as one JDBC batch (one round trip on
 * PostgreSQL); {@link WriteOrder} says which writes may be moved to make such runs longer.
 *
 * <p>When a transaction fails, each of its writes is tried again in a transaction of its own, so one bad write
 * (say, a duplicate id) fails alone and the others still commit.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final long POLL_MS = 100;

    private final String location;
    private final ConnectionFactory connections;
    private final Lock connectionLock;
    private final int maxBatch;
    private final BlockingQueue<PendingWrite<?>> queue;
    private final Thread thread;
    private final List<PendingWrite<?>> batch;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;
    private volatile boolean closing;
    private volatile boolean stopped;
    /** Transactions committed, for tests and benchmarks (how many writes shared one). */
    private volatile long commits;
    /** Told of every commit and failure (metrics); set once at start. */
    private volatile WriteObserver observer = WriteObserver.NONE;
    /** Why the last write failed, until a transaction commits again: the monitoring port's health. */
    private volatile String failure;

    /**
     * @param connectionLock held while a transaction runs: a store whose readers share this connection (SQLite in
     *                       memory) takes it around each read
     */
    GroupCommitWriter(
            String location, ConnectionFactory connections, Lock connectionLock, int maxBatch, int queueCapacity)
            throws SQLException {
        this.location = location;
        this.connections = connections;
        this.connectionLock = connectionLock;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batch = new ArrayList<>(maxBatch);
        this.connection = openConnection();
        this.thread = new Thread(this::run, "switchboard-store-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    long commits() {
        return commits;
    }

    void observe(WriteObserver writeObserver) {
        this.observer = writeObserver;
    }

    /** Why writes fail now (the last write failed and none committed since); null while they succeed. */
    String failure() {
        return failure;
    }

    /** Writes waiting for the writer thread. */
    int queueDepth() {
        return queue.size();
    }

    /** Held while a transaction runs; a test holds it to keep what it queues waiting, for one batch later. */
    Lock transactionLock() {
        return connectionLock;
    }

    /** The writer's connection, for stores whose readers share it (under the connection lock). */
    Connection connection() {
        return connection;
    }

    /**
     * Queues one write, run where it was queued ({@link WriteOrder#IN_ORDER}). The future completes after the
     * transaction holding it has committed, with {@code result} applied to the statement's update count;
     * exceptionally with a {@link StoreException} when the write failed, the queue is full or the store is closed.
     */
    <T> CompletableFuture<T> submit(String sql, ParameterBinder binder, IntFunction<T> result) {
        return queue(sql, WriteOrder.IN_ORDER, binder, result).future;
    }

    /**
     * Queues one write as {@link #submit} does, with a {@link WriteOrder} rank, and returns it: until the writer
     * takes it, a later write may be {@linkplain PendingWrite#fold folded} into it.
     */
    <T> PendingWrite<T> queue(String sql, int rank, ParameterBinder binder, IntFunction<T> result) {
        PendingWrite<T> write = new PendingWrite<>(sql, rank, binder, result);
        if (closing) {
            write.fail(new StoreException("store " + location + " is closed"));
            return write;
        }
        if (!queue.offer(write)) {
            // Never block the caller (an event loop): a full queue means the database cannot keep up.
            observer.failed();
            write.fail(new StoreException("store " + location + ": write queue full (" + (queue.size())
                    + " writes waiting), the database does not keep up"));
            return write;
        }
        if (stopped && queue.remove(write)) {
            write.fail(new StoreException("store " + location + " is closed"));
        }
        return write;
    }

    private void run() {
        try {
            while (true) {
                PendingWrite<?> first = queue.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                for (PendingWrite<?> write : batch) {
                    write.seal(); // what is folded into a write from here on would not be written
                }
                WriteOrder.arrange(batch);
                try {
                    commit(batch);
                } catch (RuntimeException e) {
                    // A bug, not a database error: fail this batch, keep serving the next.
                    log.error(
                            "{} store {}: a batch of {} writes failed",
                            LogId.STORE_BATCH_FAILED,
                            location,
                            batch.size(),
                            e);
                    failAll(batch, e);
                } finally {
                    batch.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            log.error("{} store {}: writer thread stopped", LogId.STORE_WRITER_STOPPED, location, e);
            failAll(batch, e);
            // Nothing will take writes any more: refuse new ones at once instead of letting them wait forever.
            closing = true;
            stopped = true;
            List<PendingWrite<?>> left = new ArrayList<>();
            queue.drainTo(left);
            failAll(left, e);
            throw e;
        }
    }

    private void commit(List<PendingWrite<?>> writes) {
        connectionLock.lock();
        try {
            try {
                execute(writes);
                connection.commit();
                commits++;
                failure = null;
            } catch (SQLException e) {
                rollbackQuietly();
                if (writes.size() == 1) {
                    fail(writes.get(0), e);
                    return;
                }
                log.debug(
                        "store {}: batch of {} failed ({}), retrying each write alone",
                        location,
                        writes.size(),
                        e.getMessage());
                for (PendingWrite<?> write : writes) {
                    commit(List.of(write));
                }
                return;
            }
        } finally {
            connectionLock.unlock();
        }
        WriteObserver told = observer;
        told.batchCommitted(writes.size());
        long now = System.nanoTime();
        for (PendingWrite<?> write : writes) {
            told.written(now - write.submittedNanos);
            write.complete();
        }
    }

    private void execute(List<PendingWrite<?>> writes) throws SQLException {
        int i = 0;
        int n = writes.size();
        while (i < n) {
            String sql = writes.get(i).sql();
            int end = i + 1;
            while (end < n && writes.get(end).sql().equals(sql)) {
                end++;
            }
            PreparedStatement statement = statement(sql);
            if (end - i == 1) {
                PendingWrite<?> write = writes.get(i);
                write.binder().bind(statement);
                write.updateCount = statement.executeUpdate();
            } else {
                try {
                    for (int k = i; k < end; k++) {
                        writes.get(k).binder().bind(statement);
                        statement.addBatch();
                    }
                    int[] counts = statement.executeBatch();
                    for (int k = i; k < end; k++) {
                        writes.get(k).updateCount = counts[k - i];
                    }
                } finally {
                    statement.clearBatch();
                }
            }
            i = end;
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    private void fail(PendingWrite<?> write, SQLException e) {
        observer.failed();
        if (!isConstraintViolation(e)) {
            // One bad write (a duplicate id) is that write's problem; anything else is the store's.
            failure = e.getMessage();
        }
        write.fail(new StoreException("store " + location + ": write failed: " + e.getMessage(), e));
        reopenIfBroken();
    }

    private static boolean isConstraintViolation(SQLException e) {
        String state = e.getSQLState();
        // SQLState class 23 (PostgreSQL); SQLite reports SQLITE_CONSTRAINT, result code 19, without a state.
        return state != null && state.startsWith("23") || (e.getErrorCode() & 0xff) == 19;
    }

    /** A dropped PostgreSQL connection must not fail every later write: open a new one for the next batch. */
    private void reopenIfBroken() {
        try {
            if (connection.isValid(2)) {
                return;
            }
        } catch (SQLException ignored) {
            // treated as broken
        }
        log.warn("{} store {}: connection lost, reconnecting", LogId.STORE_RECONNECTING, location);
        closeConnection();
        try {
            connection = openConnection();
        } catch (SQLException e) {
            log.error("{} store {}: cannot reconnect: {}", LogId.STORE_CANNOT_RECONNECT, location, e.getMessage());
        }
    }

    private Connection openConnection() throws SQLException {
        Connection opened = connections.open();
        opened.setAutoCommit(false);
        return opened;
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.debug("store {}: rollback failed: {}", location, e.getMessage());
        }
    }

    private void failAll(List<PendingWrite<?>> writes, Throwable cause) {
        failure = "the writer failed: " + cause;
        for (PendingWrite<?> write : writes) {
            observer.failed();
            write.fail(new StoreException("store " + location + ": writer failed", cause));
        }
    }

    /** Stops taking writes, commits what is queued (waiting at most {@code timeoutMs}) and closes the connection. */
    void close(long timeoutMs) {
        closing = true;
        try {
            thread.join(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn(
                    "{} store {}: writes still queued after {} ms, abandoning them",
                    LogId.STORE_WRITES_ABANDONED,
                    location,
                    timeoutMs);
            thread.interrupt();
            try {
                thread.join(timeoutMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopped = true;
        List<PendingWrite<?>> left = new ArrayList<>();
        queue.drainTo(left);
        for (PendingWrite<?> write : left) {
            write.fail(new StoreException("store " + location + " is closed"));
        }
        connectionLock.lock();
        try {
            closeConnection();
        } finally {
            connectionLock.unlock();
        }
    }

    @Override
    public void close() {
        close(10_000);
    }

    private void closeConnection() {
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        statements.clear();
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("store {}: closing the connection: {}", location, e.getMessage());
        }
    }
}
