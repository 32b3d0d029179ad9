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
 * @param credentials who the client is: {@code user} and {@code password}, or {@code token}
 * @param heartbeatMs heartbeat interval the client would like; the server clamps it to its limits
 * @param compression payload compression algorithms the client accepts, most preferred first; absent means none
 * @param compressAbove the threshold, in payload bytes, above which the client would like the server to compress
 *                    payloads to it; absent means the server's own
 */
public record Hello(
        int version,
        String client,
        List<String> codecs,
        Map<String, String> credentials,
        Long heartbeatMs,
        List<String> compression,
        Integer compressAbove)
        implements Message {

    /** A HELLO without compression. */
    public Hello(int version, String client, List<String> codecs, Map<String, String> credentials, Long heartbeatMs) {
        this(version, client, codecs, credentials, heartbeatMs, null, null);
    }

    @Override
    public FrameType frameType() {
        return FrameType.HELLO;
    }

    /** Names the credentials' keys only: a password or token must never reach a log through this. */
    @Override
    public String toString() {
        return "Hello[version=" + version + ", client=" + client + ", codecs=" + codecs + ", credentials="
                + (credentials == null ? "none" : credentials.keySet() + " (values hidden)") + ", heartbeatMs="
                + heartbeatMs + ", compression=" + compression + ", compressAbove=" + compressAbove + "]";
    }
}
