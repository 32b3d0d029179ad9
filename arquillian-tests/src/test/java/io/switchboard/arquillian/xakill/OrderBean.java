package io.switchboard.arquillian.xakill;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * One order in one JTA transaction with three resources: the order's row in an H2 file database (an XA
 * datasource), {@value #CALLS} {@code billing.charge} calls submitted through the XATransaction connection
 * definition, and a {@link CrashPoint} that stops the JVM in two-phase commit. Narayana runs both phases in the
 * order of enlistment, so:
 * <ul>
 *   <li>{@link CrashPoint.Phase#PREPARE}: the crash point is enlisted last: the database and Switchboard are
 *       prepared, the transaction manager has logged no decision;</li>
 *   <li>{@link CrashPoint.Phase#COMMIT}: the crash point sits between the database and Switchboard: the decision is
 *       logged, the row is committed, the Switchboard branch is still prepared.</li>
 * </ul>
 */
@Stateless
public class OrderBean {

    public static final int CALLS = 3;
    /** An XA datasource on an H2 file database, so prepared and committed rows survive SIGKILL. */
    public static final String DATASOURCE = "java:jboss/datasources/XaKillOrders";

    @Resource(lookup = "java:/switchboard/Default")
    SwitchboardConnectionFactory switchboard;

    @Resource(lookup = DATASOURCE)
    DataSource orders;

    @Resource(lookup = "java:/TransactionManager")
    TransactionManager transactionManager;

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void place(String order, CrashPoint.Phase crashAt) throws SQLException, RollbackException, SystemException {
        try (Connection db = orders.getConnection();
                PreparedStatement insert = db.prepareStatement("INSERT INTO orders(id) VALUES (?)")) {
            insert.setString(1, order);
            insert.executeUpdate();
        }
        if (crashAt == CrashPoint.Phase.COMMIT) {
            transactionManager.getTransaction().enlistResource(new CrashPoint(crashAt));
        }
        try (SwitchboardConnection billing = switchboard.getConnection()) {
            for (int i = 1; i <= CALLS; i++) {
                billing.submit("billing", "charge", order + "-" + i);
            }
        }
        if (crashAt == CrashPoint.Phase.PREPARE) {
            transactionManager.getTransaction().enlistResource(new CrashPoint(crashAt));
        }
    }

    /** Whether the order's row is committed (a prepared insert is not visible). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean exists(String order) throws SQLException {
        try (Connection db = orders.getConnection();
                PreparedStatement query = db.prepareStatement("SELECT COUNT(*) FROM orders WHERE id = ?")) {
            query.setString(1, order);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    /** Transactions H2 holds prepared, waiting for the transaction manager's decision. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int inDoubt() throws SQLException {
        try (Connection db = orders.getConnection();
                Statement query = db.createStatement();
                ResultSet rows = query.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void createTable() throws SQLException {
        try (Connection db = orders.getConnection();
                Statement ddl = db.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS orders(id VARCHAR(64) PRIMARY KEY)");
        }
    }
}
