package io.switchboard.server.auth;

import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * One entry of the users file: a name, at most one secret (a bcrypt hash of its password or the SHA-256 of its
 * token, never the secret itself), the TLS client certificates that stand for it, and its permissions. A user has a
 * secret, a certificate, or both.
 *
 * @param passwordHash        bcrypt ({@code $2a$}, {@code $2b$} or {@code $2y$}); null for a token or certificate user
 * @param tokenSha256         32 bytes; null for a password or certificate user
 * @param certificateSubjects client certificate subjects that log in as this user (may be empty)
 * @param certificateSans     client certificate SANs, in {@link CertificateNames} form ({@code URI:...}, ...)
 */
public record User(
        String name,
        String passwordHash,
        byte[] tokenSha256,
        List<X500Principal> certificateSubjects,
        List<String> certificateSans,
        Permissions permissions) {

    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(permissions, "permissions");
        certificateSubjects = List.copyOf(certificateSubjects);
        certificateSans = List.copyOf(certificateSans);
        if (passwordHash != null && tokenSha256 != null) {
            throw new IllegalArgumentException("user '" + name + "' has both a password and a token");
        }
        if (passwordHash == null && tokenSha256 == null && !hasCertificate(certificateSubjects, certificateSans)) {
            throw new IllegalArgumentException("user '" + name + "' needs a password, a token or a certificate");
        }
    }

    /** A user with a secret and no certificate. */
    public User(String name, String passwordHash, byte[] tokenSha256, Permissions permissions) {
        this(name, passwordHash, tokenSha256, List.of(), List.of(), permissions);
    }

    private static boolean hasCertificate(List<X500Principal> subjects, List<String> sans) {
        return !subjects.isEmpty() || !sans.isEmpty();
    }

    @Override
    public String toString() {
        // Never the hash: logs and error messages show who, not what.
        String secret = passwordHash != null ? "password" : tokenSha256 != null ? "token" : "certificate only";
        return "User[" + name + ", " + secret + ", " + permissions + "]";
    }
}
