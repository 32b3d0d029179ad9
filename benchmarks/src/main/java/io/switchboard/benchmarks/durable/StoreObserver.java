package io.switchboard.benchmarks.durable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads the server's store from this JVM, over a JDBC connection of its own, to see what the server has
 * <b>committed</b>: another connection sees a row only once its transaction is committed (and, with
 * synchronous=FULL or fsync on, on disk). It never writes.
 *
 * <p>It reads the store's {@code held_call} table (docs/registry-and-store.md, "What happens to a held call"): the
 * rows of calls that wait for a publisher, each with its arrival number.
 */
final class StoreObserver implements AutoCloseable {

    private final StoreUnderTest store;
    private final Connection connection;
    private final PreparedStatement maxArrival;
    private final PreparedStatement minArrival;

    private StoreObserver(StoreUnderTest store, Connection connection) throws SQLException {
        this.store = store;
        this.connection = connection;
        this.maxArrival = connection.prepareStatement("SELECT max(arrival) FROM held_call WHERE alias = ?");
        this.minArrival = connection.prepareStatement("SELECT min(arrival) FROM held_call WHERE alias = ?");
    }

    /** Connects to {@code store}; the server must have created it (it runs the migrations at start). */
    static StoreObserver open(StoreUnderTest store) throws SQLException {
        Connection connection = DriverManager.getConnection(store.jdbcUrl(), store.jdbcUser(), null);
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            // PostgreSQL: a generic plan cached while held_call was empty scans the whole table once it has grown
            // (7.7 ms instead of 0.2 ms at 60,000 rows); the poll must stay an index lookup.
            statement.execute(
                    store.isSqlite() ? "PRAGMA busy_timeout = 5000" : "SET plan_cache_mode = force_custom_plan");
        }
        return new StoreObserver(store, connection);
    }

    /** The highest arrival number among the committed held calls of {@code alias}; 0 when there are none. */
    long maxArrival(String alias) throws SQLException {
        return single(maxArrival, alias);
    }

    /** The lowest arrival number among the committed held calls of {@code alias}; 0 when there are none. */
    long minArrival(String alias) throws SQLException {
        return single(minArrival, alias);
    }

    /** Every committed held call (all aliases). */
    long heldCount() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM held_call")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * A marker that changes when the server writes: SQLite's {@code PRAGMA data_version} (changes when another
     * connection commits a change), PostgreSQL's rows inserted, updated and deleted in the store's tables
     * ({@code pg_stat_user_tables}; the statistics reach it up to 0.5 s late, so wait a second before reading).
     */
    long writeMarker() throws SQLException {
        String query = store.isSqlite()
                ? "PRAGMA data_version"
                : "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** What two {@link #writeMarker()}s say about the writes between them. */
    String describeWrites(long before, long after) {
        if (store.isSqlite()) {
            return before == after ? "none (data_version unchanged)" : "some (data_version changed)";
        }
        return (after - before) + " rows";
    }

    private static long single(PreparedStatement statement, String alias) throws SQLException {
        statement.setString(1, alias);
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1); // SQL NULL (no rows) reads as 0
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
