package io.switchboard.server.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the store keeps its data. Three forms:
 * <ul>
 *   <li>{@link #sqliteFile(Path)}: the file {@value #SQLITE_FILE_NAME} in a data directory (the launcher's default);
 *   <li>{@link #postgres(String, String, String)}: a PostgreSQL database by JDBC URL;
 *   <li>{@link #inMemory()}: SQLite in memory, functional but not durable (the embedded/test default, so that
 *       in-process servers need no data directory).
 * </ul>
 */
public final class StoreSettings {

    public static final String SQLITE_FILE_NAME = "switchboard.db";

    public enum Kind {
        SQLITE_FILE,
        SQLITE_MEMORY,
        POSTGRESQL
    }

    private final Kind kind;
    private final Path dataDir;
    private final String url;
    private final String user;
    private final String password;

    private StoreSettings(Kind kind, Path dataDir, String url, String user, String password) {
        this.kind = kind;
        this.dataDir = dataDir;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public static StoreSettings sqliteFile(Path dataDir) {
        return new StoreSettings(Kind.SQLITE_FILE, Objects.requireNonNull(dataDir, "dataDir"), null, null, null);
    }

    public static StoreSettings inMemory() {
        return new StoreSettings(Kind.SQLITE_MEMORY, null, null, null, null);
    }

    /** user and password may be null (then the URL's own or the driver's defaults apply). */
    public static StoreSettings postgres(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("store-url must be a jdbc:postgresql: URL (or empty for SQLite in "
                    + "data-dir), was '" + jdbcUrl + "'");
        }
        return new StoreSettings(Kind.POSTGRESQL, null, jdbcUrl, user, password);
    }

    public Kind kind() {
        return kind;
    }

    /** The data directory of a SQLite file store. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    /** The SQLite file of a file store. */
    public Optional<Path> sqliteFile() {
        return dataDir().map(dir -> dir.resolve(SQLITE_FILE_NAME));
    }

    /** The PostgreSQL JDBC URL. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** For logs: never shows the password. */
    @Override
    public String toString() {
        switch (kind) {
            case SQLITE_FILE:
                return "sqlite:" + sqliteFile().orElseThrow();
            case SQLITE_MEMORY:
                return "sqlite:memory";
            default:
                return url + (user == null ? "" : " as " + user) + (password == null ? "" : " (password set)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreSettings other
                && kind == other.kind
                && Objects.equals(dataDir, other.dataDir)
                && Objects.equals(url, other.url)
                && Objects.equals(user, other.user)
                && Objects.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, dataDir, url, user, password);
    }
}
