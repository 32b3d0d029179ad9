package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The store contract on the in-memory SQLite store that embedded servers and tests get by default. */
class SqliteMemoryStoreTest extends StoreContractTest {

    @Override
    StoreSettings settings() {
        return StoreSettings.inMemory();
    }

    @Override
    boolean durable() {
        return false;
    }

    @Test
    void eachInMemoryStoreIsItsOwn() {
        done(store.saveTicket(ticketCall("mine", T0)));
        try (Store other = Stores.open(StoreSettings.inMemory())) {
            assertThat(other.findTicket("mine")).isEmpty();
        }
        assertThat(store.findTicket("mine")).isPresent();
    }
}
