package io.switchboard.server.registry;

import io.switchboard.server.store.StoreSettings;
import java.nio.file.Path;

/** The registry's behaviour with the server's store on a SQLite file. */
class RegistrySqliteFileTest extends RegistryTest {

    @Override
    StoreSettings store(Path dataDir) {
        return StoreSettings.sqliteFile(dataDir);
    }
}
