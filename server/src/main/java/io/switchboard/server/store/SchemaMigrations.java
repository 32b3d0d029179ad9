package io.switchboard.server.store;

import io.switchboard.server.logging.LogId;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema to this server's version with Flyway (scripts in {@code db/migration}, the same for SQLite and
 * PostgreSQL). Refuses, without touching anything, a schema newer than this server knows or one with a failed
 * migration; never cleans, never baselines over tables it did not create, never repairs.
 */
final class SchemaMigrations {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);
    static final String LOCATION = "classpath:db/migration";

    private SchemaMigrations() {}

    /** The schema version after migrating. */
    static String migrate(String location, FactoryDataSource dataSource) {
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .cleanDisabled(true)
                .baselineOnMigrate(false)
                .validateOnMigrate(true)
                // Flyway ignores future migrations by default ("*:future"): here they must stop the start.
                .ignoreMigrationPatterns(new String[0])
                .load();
        try {
            refuseUnknownState(location, flyway.info());
            int applied = flyway.migrate().migrationsExecuted;
            String version = String.valueOf(flyway.info().current().getVersion());
            if (applied > 0) {
                log.info(
                        "{} store {}: applied {} migration(s), schema version {}",
                        LogId.STORE_MIGRATED,
                        location,
                        applied,
                        version);
            }
            return version;
        } catch (FlywayException e) {
            throw new StoreStartException(
                    "store " + location + ": cannot bring the schema up to date: "
                            + e.getMessage().strip(),
                    e);
        }
    }

    private static void refuseUnknownState(String location, MigrationInfoService info) {
        List<String> future = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        String known = "none";
        for (MigrationInfo migration : info.all()) {
            MigrationState state = migration.getState();
            if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
                future.add(String.valueOf(migration.getVersion()));
            } else if (state.isResolved() && migration.getVersion() != null) {
                known = String.valueOf(migration.getVersion());
            }
            if (state.isFailed()) {
                failed.add(String.valueOf(migration.getVersion()));
            }
        }
        if (!future.isEmpty()) {
            throw new StoreStartException(
                    "store " + location + ": the schema has version(s) " + future
                            + ", newer than this server knows (up to " + known
                            + "); it was written by a newer Switchboard."
                            + " Run that version, or restore a backup made for this one; nothing was changed",
                    null);
        }
        if (!failed.isEmpty()) {
            throw new StoreStartException(
                    "store " + location + ": migration(s) " + failed + " failed earlier and"
                            + " left the schema half-done; restore a backup (see docs/registry-and-store.md); nothing was"
                            + " changed",
                    null);
        }
    }
}
