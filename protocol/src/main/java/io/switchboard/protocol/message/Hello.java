package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import java.util.List;
import java.util.Map;

/**
 * Client to server, first frame of every connection.
 *
 * @param version     protocol version the client speaks
 * @param client      a name for the client, shown in server logs
 * @param codecs      codecs the client accepts, most preferred first; absent means JSON
 * @param credentials reserved for authentication; the server reads {@code token} for admin requests
 * @param heartbeatMs heartbeat interval the client would like; the server clamps it to its limits
 */
public record Hello(int version, String client, List<String> codecs, Map<String, String> credentials, Long heartbeatMs)
        implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.HELLO;
    }
}
