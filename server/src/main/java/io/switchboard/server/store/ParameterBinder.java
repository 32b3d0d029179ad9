package io.switchboard.server.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Sets one write's parameters on its prepared statement. */
@FunctionalInterface
interface ParameterBinder {
    void bind(PreparedStatement statement) throws SQLException;
}
