package io.switchboard.jca.api;

import java.util.List;

/**
 * A session published on the server, as {@link SwitchboardConnection#list()} reports it.
 *
 * @param alias      the session's name
 * @param methods    the methods it accepts
 * @param idempotent the methods the server may reroute to another publisher when one is lost
 * @param publishers how many connections publish it (a group, load-balanced)
 */
public record SessionDescription(String alias, List<String> methods, List<String> idempotent, int publishers) {

    public SessionDescription {
        methods = List.copyOf(methods);
        idempotent = List.copyOf(idempotent);
    }
}
