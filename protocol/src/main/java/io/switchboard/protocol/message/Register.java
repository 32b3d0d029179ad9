package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import java.util.List;
import java.util.Map;

/**
 * Client to server: enter (or renew) an entry in the registry under {@code name}. Answered REGISTERED or ERROR.
 *
 * @param req       request id echoed in the answer
 * @param name      the name the entry resolves under
 * @param endpoints where the registrant can be reached, as URLs ({@code tcp://host:port}, {@code unix:///path}, any
 *                  URL), in the order resolvers should try them; at least one
 * @param metadata  free-form strings for resolvers; absent for none
 * @param ttlMs     absent: the entry lives as long as this connection; present: it lives this long after each
 *                  REGISTER or REFRESH, persisted, independent of any connection
 * @param instance  absent: a new entry; present: the instance id of an existing entry of this name, to renew it and
 *                  replace its endpoints and metadata
 */
public record Register(
        long req, String name, List<String> endpoints, Map<String, String> metadata, Long ttlMs, String instance)
        implements Message {

    @Override
    public FrameType frameType() {
        return FrameType.REGISTER;
    }
}
