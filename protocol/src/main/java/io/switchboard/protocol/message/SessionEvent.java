package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import java.util.List;

/**
 * Server to client: the state of a subscribed session. The answer to SUBSCRIBE carries its {@code req};
 * later notifications carry {@code req} 0.
 *
 * @param methods    the session's methods while published, absent otherwise
 * @param idempotent its idempotent methods while published, absent otherwise
 */
public record SessionEvent(long req, String alias, SessionState state, List<String> methods, List<String> idempotent)
        implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.SESSION;
    }
}
