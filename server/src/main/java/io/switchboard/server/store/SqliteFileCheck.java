package io.switchboard.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Checks an existing SQLite file before anything writes to it: readable and writable, the SQLite header, SQLite's
 * own {@code PRAGMA quick_check}, and that its tables are Switchboard's (Flyway's history table is there), all on
 * a read-only connection. Anything else is refused, so a damaged or foreign file is never migrated over, switched
 * to WAL mode or replaced by a fresh database.
 */
final class SqliteFileCheck {

    /** The first 16 bytes of every SQLite 3 database file. */
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private static final int HEADER_SIZE = 100;
    private static final String FLYWAY_HISTORY = "flyway_schema_history";

    private SqliteFileCheck() {}

    /** Passes for a missing or empty file (a new store) and for a sound SQLite database. */
    static void check(Path file) {
        if (!Files.exists(file)) {
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            if (Files.exists(wal)) {
                // SQLite would replay those commits into a new, empty file: refuse rather than guess.
                throw refuse(file, "is missing but its write-ahead log " + wal.getFileName() + " is there", null);
            }
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw refuse(file, "is not a regular file", null);
        }
        if (!Files.isReadable(file) || !Files.isWritable(file)) {
            throw refuse(file, "cannot be read and written by this process (check its owner and permissions)", null);
        }
        long size;
        byte[] head = new byte[HEADER_SIZE];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            read = in.readNBytes(head, 0, HEADER_SIZE);
        } catch (IOException e) {
            throw refuse(file, "cannot be read: " + e.getMessage(), e);
        }
        if (size == 0) {
            return;
        }
        if (read < HEADER_SIZE || !Arrays.equals(head, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            throw refuse(file, "is not a SQLite database (its first bytes are not the SQLite header)", null);
        }
        quickCheck(file);
    }

    private static void quickCheck(Path file) {
        Properties readOnly = new Properties();
        readOnly.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY: the check never writes
        List<String> problems = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), readOnly);
                Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("PRAGMA quick_check")) {
                while (rs.next() && problems.size() < 5) {
                    problems.add(rs.getString(1));
                }
            }
            if (problems.equals(List.of("ok"))) {
                try (ResultSet rs =
                        statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw refuse(file, "is damaged: " + e.getMessage(), e);
        }
        if (!problems.equals(List.of("ok"))) {
            throw refuse(file, "is damaged: quick_check found " + problems, null);
        }
        if (!tables.isEmpty() && !tables.contains(FLYWAY_HISTORY)) {
            throw refuse(file, "holds another application's tables " + tables + " (no " + FLYWAY_HISTORY + ")", null);
        }
    }

    private static StoreStartException refuse(Path file, String why, Throwable cause) {
        return new StoreStartException(
                "store file " + file.toAbsolutePath() + " " + why + "; it was left as it"
                        + " is. Restore a backup or move the file away to start empty (see docs/registry-and-store.md)",
                cause);
    }
}
