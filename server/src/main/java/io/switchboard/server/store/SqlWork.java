package io.switchboard.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a JDBC connection. */
@FunctionalInterface
interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
