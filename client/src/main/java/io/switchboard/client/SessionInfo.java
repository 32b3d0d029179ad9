package io.switchboard.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One session the server lists ({@link SwitchboardClient#list()}).
 *
 * @param alias       the session's name
 * @param methods     its methods
 * @param idempotent  its idempotent methods
 * @param publishers  how many connections publish it now (0 for a {@code hold} session listed while away)
 * @param policy      the session's policy; empty when the server did not say (servers older than policies)
 * @param listedAway  true for a {@code hold} session whose definition the server keeps while no publisher is
 *                    connected
 */
public record SessionInfo(
        String alias,
        List<String> methods,
        List<String> idempotent,
        int publishers,
        Optional<SessionPolicy> policy,
        boolean listedAway) {

    public SessionInfo {
        Objects.requireNonNull(alias, "alias");
        methods = List.copyOf(methods);
        idempotent = List.copyOf(idempotent);
        Objects.requireNonNull(policy, "policy");
    }
}
