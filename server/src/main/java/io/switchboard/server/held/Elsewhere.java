package io.switchboard.server.held;

import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Call;

/**
 * Publishers on other cluster nodes, for held calls whose publisher returned on another node: the queue drains to
 * them through forwarding, one call at a time per alias (docs/cluster.md, "Shared durable state").
 */
public interface Elsewhere {

    /** Whether another node has a publisher of {@code alias} with room for a call. */
    boolean has(String alias);

    /**
     * Forwards {@code call} to such a publisher; its caller then gets exactly one RESULT.
     *
     * @return null when sent, else the refusal (nothing was sent)
     */
    Result forward(Call call);
}
