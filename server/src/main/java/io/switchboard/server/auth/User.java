package io.switchboard.server.auth;

import java.util.Objects;

/**
 * One entry of the users file: a name, exactly one secret (a bcrypt hash of its password or the SHA-256 of its
 * token, never the secret itself) and its permissions.
 *
 * @param passwordHash bcrypt ({@code $2a$}, {@code $2b$} or {@code $2y$}); null for a token user
 * @param tokenSha256  32 bytes; null for a password user
 */
public record User(String name, String passwordHash, byte[] tokenSha256, Permissions permissions) {

    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(permissions, "permissions");
        if ((passwordHash == null) == (tokenSha256 == null)) {
            throw new IllegalArgumentException("user '" + name + "' needs exactly one of password and token");
        }
    }

    @Override
    public String toString() {
        // Never the hash: logs and error messages show who, not what.
        return "User[" + name + ", " + (passwordHash != null ? "password" : "token") + ", " + permissions + "]";
    }
}
