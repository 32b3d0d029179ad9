package io.switchboard.server.store;

import io.switchboard.protocol.SessionPolicy;
import java.util.List;
import java.util.Objects;

/**
 * The persisted definition of a {@code hold} session, so it is listed (as away) while no publisher is connected
 * and across restarts.
 *
 * @param alias             the session's alias
 * @param methods           the methods it publishes
 * @param idempotentMethods the subset that may be delivered again
 * @param policy            the session's policy for calls while its publishers are away
 */
public record HeldSessionDefinition(
        String alias, List<String> methods, List<String> idempotentMethods, SessionPolicy policy) {

    public HeldSessionDefinition {
        Objects.requireNonNull(alias, "alias");
        methods = List.copyOf(methods);
        idempotentMethods = List.copyOf(idempotentMethods);
        Objects.requireNonNull(policy, "policy");
    }
}
