package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import java.util.List;

/**
 * Client to server: route calls for {@code alias} to this connection. Answered ACK or ERROR.
 *
 * @param req         request id echoed in the answer
 * @param alias       the session's name
 * @param methods     the methods callers may call
 * @param idempotent  the subset of methods that may be rerouted to another publisher if this one is lost
 * @param maxInflight most deliveries this publisher takes at once; absent means the server's default
 */
public record Publish(long req, String alias, List<String> methods, List<String> idempotent, Integer maxInflight)
        implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.PUBLISH;
    }
}
