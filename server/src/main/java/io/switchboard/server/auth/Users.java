package io.switchboard.server.auth;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/** The users of the {@code auth-users} file, by name, token hash and client certificate. Immutable. */
public final class Users {

    private final Map<String, User> byName;
    private final Map<String, User> byToken;
    private final Map<X500Principal, User> bySubject = new HashMap<>();
    private final Map<String, User> bySan = new HashMap<>();
    private final Permissions defaults;
    private final String source;

    /**
     * @param users    with distinct names, token hashes, certificate subjects and SANs; each has its own permissions or the defaults already
     * @param defaults what a user without its own permissions got
     * @param source   where the users came from, for messages
     */
    public Users(List<User> users, Permissions defaults, String source) {
        this.byName = users.stream().collect(Collectors.toUnmodifiableMap(User::name, Function.identity()));
        this.byToken = users.stream()
                .filter(u -> u.tokenSha256() != null)
                .collect(Collectors.toUnmodifiableMap(u -> HexFormat.of().formatHex(u.tokenSha256()), u -> u));
        for (User user : users) {
            user.certificateSubjects().forEach(subject -> unique(bySubject, subject, user));
            user.certificateSans().forEach(san -> unique(bySan, san, user));
        }
        this.defaults = defaults;
        this.source = source;
    }

    private static <K> void unique(Map<K, User> map, K key, User user) {
        User before = map.putIfAbsent(key, user);
        if (before != null && before != user) {
            throw new IllegalArgumentException(
                    "users '" + before.name() + "' and '" + user.name() + "' name the same certificate " + key);
        }
    }

    /**
     * The users a verified client certificate stands for: by its subject (X500Principal equality) and by each of its
     * URI, DNS and e-mail SANs; one map lookup per name. More than one user means the file maps it ambiguously.
     */
    Set<User> byCertificate(X509Certificate certificate) {
        Set<User> found = new LinkedHashSet<>(2);
        if (bySubject.isEmpty() && bySan.isEmpty()) {
            return found;
        }
        User bySubjectName = bySubject.get(certificate.getSubjectX500Principal());
        if (bySubjectName != null) {
            found.add(bySubjectName);
        }
        if (!bySan.isEmpty()) {
            for (String san : CertificateNames.of(certificate)) {
                User user = bySan.get(san);
                if (user != null) {
                    found.add(user);
                }
            }
        }
        return found;
    }

    public Optional<User> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The token user whose token hashes to {@code sha256}. */
    Optional<User> byTokenHash(byte[] sha256) {
        return Optional.ofNullable(byToken.get(HexFormat.of().formatHex(sha256)));
    }

    public Permissions defaults() {
        return defaults;
    }

    public int size() {
        return byName.size();
    }

    /** The highest bcrypt cost among the users (10 when none has a password): the dummy hash's cost. */
    int highestCost() {
        int highest = UsersFile.MIN_COST;
        for (User user : byName.values()) {
            if (user.passwordHash() != null) {
                highest = Math.max(highest, UsersFile.costOf(user.passwordHash()));
            }
        }
        return highest;
    }

    @Override
    public String toString() {
        return byName.size() + " user(s) from " + source;
    }
}
