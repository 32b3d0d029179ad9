package io.switchboard.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new, fully set up connection to the store's database. */
@FunctionalInterface
interface ConnectionFactory {
    Connection open() throws SQLException;
}
