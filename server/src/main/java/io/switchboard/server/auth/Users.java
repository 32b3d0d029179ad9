package io.switchboard.server.auth;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The users of the {@code auth-users} file, by name and by token hash. Immutable. */
public final class Users {

    private final Map<String, User> byName;
    private final Map<String, User> byToken;
    private final Permissions defaults;
    private final String source;

    /**
     * @param users    with distinct names and token hashes; each has its own permissions or the defaults already
     * @param defaults what a user without its own permissions got
     * @param source   where the users came from, for messages
     */
    public Users(List<User> users, Permissions defaults, String source) {
        this.byName = users.stream().collect(Collectors.toUnmodifiableMap(User::name, Function.identity()));
        this.byToken = users.stream()
                .filter(u -> u.tokenSha256() != null)
                .collect(Collectors.toUnmodifiableMap(u -> HexFormat.of().formatHex(u.tokenSha256()), u -> u));
        this.defaults = defaults;
        this.source = source;
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
