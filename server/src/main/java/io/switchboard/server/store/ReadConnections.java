package io.switchboard.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Connections for reads, which run on the caller's thread and see committed data. Either a small pool of their
 * own (SQLite file in WAL mode, PostgreSQL: readers never wait for the writer) or the writer's one connection
 * under its lock (SQLite in memory, where a second connection would be a second, empty database).
 */
abstract class ReadConnections implements AutoCloseable {

    static final long WAIT_MS = 10_000;

    abstract <T> T read(SqlWork<T> work);

    @Override
    public abstract void close();

    static ReadConnections pooled(String location, ConnectionFactory factory, int size) {
        return new Pooled(location, factory, size);
    }

    static ReadConnections sharedWithWriter(String location, Supplier<Connection> writerConnection, Lock lock) {
        return new Shared(location, writerConnection, lock);
    }

    static StoreException failure(String location, SQLException e) {
        return new StoreException("store " + location + ": read failed: " + e.getMessage(), e);
    }

    /** Opened on demand up to {@code size}; a connection whose read failed is dropped, not reused. */
    private static final class Pooled extends ReadConnections {
        private final String location;
        private final ConnectionFactory factory;
        private final BlockingQueue<Connection> idle;
        private final Semaphore permits;
        private volatile boolean closed;

        Pooled(String location, ConnectionFactory factory, int size) {
            this.location = location;
            this.factory = factory;
            this.idle = new ArrayBlockingQueue<>(size);
            this.permits = new Semaphore(size);
        }

        @Override
        <T> T read(SqlWork<T> work) {
            acquire();
            Connection connection = null;
            boolean healthy = false;
            try {
                connection = idle.poll();
                if (connection == null) {
                    connection = factory.open();
                }
                T result = work.apply(connection);
                healthy = true;
                return result;
            } catch (SQLException e) {
                throw failure(location, e);
            } finally {
                release(connection, healthy);
            }
        }

        private void acquire() {
            if (closed) {
                throw new StoreException("store " + location + " is closed");
            }
            try {
                if (!permits.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS)) {
                    throw new StoreException(
                            "store " + location + ": no read connection free within " + WAIT_MS + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("store " + location + ": interrupted waiting for a read connection", e);
            }
        }

        private void release(Connection connection, boolean healthy) {
            try {
                if (connection != null && (!healthy || closed || !idle.offer(connection))) {
                    closeQuietly(connection);
                }
            } finally {
                permits.release();
            }
        }

        @Override
        public void close() {
            closed = true;
            Connection connection;
            while ((connection = idle.poll()) != null) {
                closeQuietly(connection);
            }
        }

        private static void closeQuietly(Connection connection) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // dropping it anyway
            }
        }
    }

    private static final class Shared extends ReadConnections {
        private final String location;
        private final Supplier<Connection> connection;
        private final Lock lock;

        Shared(String location, Supplier<Connection> connection, Lock lock) {
            this.location = location;
            this.connection = connection;
            this.lock = lock;
        }

        @Override
        <T> T read(SqlWork<T> work) {
            try {
                if (!lock.tryLock(WAIT_MS, TimeUnit.MILLISECONDS)) {
                    throw new StoreException("store " + location + ": busy for " + WAIT_MS + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("store " + location + ": interrupted waiting to read", e);
            }
            try {
                // The writer's connection is not in auto-commit: end the read's transaction so it holds nothing.
                Connection shared = connection.get();
                try {
                    return work.apply(shared);
                } finally {
                    shared.rollback();
                }
            } catch (SQLException e) {
                throw failure(location, e);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            // The writer owns and closes the connection.
        }
    }
}
