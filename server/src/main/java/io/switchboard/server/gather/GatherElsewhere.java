package io.switchboard.server.gather;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Call;
import java.util.function.Supplier;

/**
 * The other nodes of a cluster, for scatter-gather calls: each node that publishes the call's alias runs the gather
 * over its own publishers and sends their answers back (docs/cluster.md, "Routing across nodes").
 */
public interface GatherElsewhere {

    /** No cluster: the gather stays with the local publishers. */
    GatherElsewhere NONE = (call, shares) -> {};

    /**
     * Sends {@code call} to every other node publishing its alias, taking one {@link NodeShare} from {@code shares} for
     * each before sending to it. Each share is then ended exactly once (by its node's end, the deadline, the node's
     * loss or a refusal).
     */
    void scatter(Call call, Supplier<NodeShare> shares);

    /** One node's part of a gather, as the caller's node sees it. */
    interface NodeShare {

        /** The answer of the node's publisher with connection id {@code publisherId} there. */
        void reply(long publisherId, Result result);

        /**
         * The node's part is over: {@code unanswered} more of its publishers count as {@code as} (timeout: timed out,
         * anything else: failed).
         */
        void ended(int unanswered, ResultCode as);
    }
}
