package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import java.util.List;

/** Server to client: the sessions published now, sorted by alias. */
public record Listing(long req, List<SessionInfo> sessions) implements Message {

    /**
     * @param alias      the session's name
     * @param methods    its methods
     * @param idempotent its idempotent methods
     * @param publishers how many connections publish it
     */
    public record SessionInfo(String alias, List<String> methods, List<String> idempotent, int publishers) {
    }

    @Override
    public FrameType frameType() {
        return FrameType.LISTING;
    }
}
