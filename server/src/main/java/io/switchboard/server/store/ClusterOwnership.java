package io.switchboard.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The store's cluster bookkeeping (docs/cluster.md, "Shared durable state"): epochs from the counter, the node rows,
 * and the takeover of gone nodes' rows. Each operation is one transaction on a connection of its own (PostgreSQL;
 * rare: at a node's start and at view changes), beside the group-commit writer.
 */
final class ClusterOwnership {

    private static final String NEXT_EPOCH = "UPDATE cluster_epoch SET last_epoch = last_epoch + 1 WHERE id = 1";
    private static final String LAST_EPOCH = "SELECT last_epoch FROM cluster_epoch WHERE id = 1";
    private static final String NODE_ALIVE =
            "INSERT INTO cluster_node (epoch, name, address, state, joined_at) VALUES (?, ?, NULL, 'alive', ?)";
    private static final String NODE_ADDRESS = "UPDATE cluster_node SET address = ? WHERE epoch = ?";
    // The nodes that own work, whatever their recorded state: a node removed from the view that merged back and
    // went on working owns new rows, which must find an owner again when it is gone for good.
    private static final String OWNING_NODES = "SELECT epoch, address FROM cluster_node"
            + " WHERE address IS NOT NULL AND epoch <> ? AND epoch IN (SELECT owner_epoch FROM held_call"
            + " UNION SELECT owner_epoch FROM ticket WHERE outcome_code IS NULL)";
    private static final String NODE_LEFT = "UPDATE cluster_node SET state = 'taken-over' WHERE epoch = ?";
    private static final String TAKE_TICKETS = "UPDATE ticket SET owner_epoch = ?"
            + " WHERE owner_epoch = ? AND outcome_code IS NULL RETURNING " + JdbcStore.TICKET_COLUMNS;
    private static final String TAKE_HELD =
            "UPDATE held_call SET owner_epoch = ? WHERE owner_epoch = ? RETURNING " + JdbcStore.HELD_COLUMNS;

    private final String location;
    private final DataSource connections;

    ClusterOwnership(String location, DataSource connections) {
        this.location = location;
        this.connections = connections;
    }

    long takeEpoch(String nodeName) {
        return transaction(c -> {
            try (PreparedStatement next = c.prepareStatement(NEXT_EPOCH)) {
                next.executeUpdate(); // locks the counter's row until commit: concurrent joins take turns
            }
            long taken;
            try (PreparedStatement last = c.prepareStatement(LAST_EPOCH);
                    ResultSet rs = last.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the cluster_epoch counter row is missing");
                }
                taken = rs.getLong(1);
            }
            try (PreparedStatement alive = c.prepareStatement(NODE_ALIVE)) {
                alive.setLong(1, taken);
                alive.setString(2, nodeName);
                alive.setLong(3, System.currentTimeMillis());
                alive.executeUpdate();
            }
            return taken;
        });
    }

    void nodeAddress(long epoch, String address) {
        transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(NODE_ADDRESS)) {
                s.setString(1, address);
                s.setLong(2, epoch);
                return s.executeUpdate();
            }
        });
    }

    Takeover takeOver(long me, java.util.function.Predicate<String> alive) {
        return transaction(c -> {
            List<Long> gone = new ArrayList<>();
            gone.add(0L); // rows of a server that ran without a cluster: the first node to look adopts them
            try (PreparedStatement s = c.prepareStatement(OWNING_NODES)) {
                s.setLong(1, me);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        // asked after the read: a node that recorded its address is in the view by then
                        if (!alive.test(rs.getString("address"))) {
                            gone.add(rs.getLong("epoch"));
                        }
                    }
                }
            }
            List<TicketCall> tickets = new ArrayList<>();
            List<HeldCall> held = new ArrayList<>();
            for (long epoch : gone) {
                try (PreparedStatement s = c.prepareStatement(TAKE_TICKETS)) {
                    s.setLong(1, me);
                    s.setLong(2, epoch);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            tickets.add(JdbcStore.ticket(rs).call());
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement(TAKE_HELD)) {
                    s.setLong(1, me);
                    s.setLong(2, epoch);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            held.add(JdbcStore.heldCall(rs));
                        }
                    }
                }
                if (epoch != 0) {
                    try (PreparedStatement s = c.prepareStatement(NODE_LEFT)) {
                        s.setLong(1, epoch);
                        s.executeUpdate();
                    }
                }
            }
            tickets.sort(java.util.Comparator.comparing(TicketCall::createdAt).thenComparing(TicketCall::ticketId));
            held.sort(java.util.Comparator.comparingLong(HeldCall::arrival));
            return new Takeover(gone, tickets, held);
        });
    }

    /** Runs {@code work} in one transaction on a connection of its own (cluster bookkeeping: PostgreSQL only). */
    private <T> T transaction(SqlWork<T> work) {
        try (java.sql.Connection c = connections.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("store " + location + ": " + e.getMessage(), e);
        }
    }
}
