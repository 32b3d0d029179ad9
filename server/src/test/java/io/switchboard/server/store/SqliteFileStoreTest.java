package io.switchboard.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a SQLite file in a data directory, and what is particular to it. */
class SqliteFileStoreTest extends StoreContractTest {

    @TempDir
    Path dataDir;

    @Override
    StoreSettings settings() {
        return StoreSettings.sqliteFile(dataDir.resolve("data"));
    }

    @Test
    void createsTheDataDirectoryAndAWalModeFile() throws Exception {
        Path file = dataDir.resolve("data").resolve(StoreSettings.SQLITE_FILE_NAME);
        assertThat(file).isRegularFile();
        assertThat(store.location()).isEqualTo(file.toAbsolutePath().toString());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
        assertThat(Files.size(file)).isPositive();
    }
}
