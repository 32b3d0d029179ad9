package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import io.switchboard.protocol.SessionPolicy;
import java.util.List;

/**
 * Client to server: route calls for {@code alias} to this connection. Answered ACK or ERROR.
 *
 * @param req         request id echoed in the answer
 * @param alias       the session's name
 * @param methods     the methods callers may call
 * @param idempotent  the subset of methods that may be rerouted to another publisher if this one is lost
 * @param maxInflight most deliveries this publisher takes at once; absent means the server's default
 * @param policy      what happens to calls while the session's publishers are away: {@code fail}, {@code hold} or
 *                    {@code reroute}; absent means the server's configured policy for the alias
 */
public record Publish(
        long req,
        String alias,
        List<String> methods,
        List<String> idempotent,
        Integer maxInflight,
        SessionPolicy policy)
        implements Message {

    /** A PUBLISH without a policy: the server's configured one applies. */
    public Publish(long req, String alias, List<String> methods, List<String> idempotent, Integer maxInflight) {
        this(req, alias, methods, idempotent, maxInflight, null);
    }

    @Override
    public FrameType frameType() {
        return FrameType.PUBLISH;
    }
}
