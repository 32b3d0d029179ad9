package io.switchboard.server.routing;

import io.switchboard.protocol.SessionPolicy;
import java.util.List;
import java.util.Objects;

/**
 * What a session is, apart from who publishes it: what LIST and SUBSCRIBE tell about it, and what a
 * {@link SessionKeeper} keeps while no publisher is connected.
 *
 * @param alias      the session's alias
 * @param methods    its methods, sorted
 * @param idempotent the methods that may be delivered again, sorted
 * @param policy     what happens to its calls while its publishers are away
 */
public record SessionDefinition(String alias, List<String> methods, List<String> idempotent, SessionPolicy policy) {

    public SessionDefinition {
        Objects.requireNonNull(alias, "alias");
        methods = methods.stream().sorted().toList();
        idempotent = idempotent.stream().sorted().toList();
        Objects.requireNonNull(policy, "policy");
    }
}
