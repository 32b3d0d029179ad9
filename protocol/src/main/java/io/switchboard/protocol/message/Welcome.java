package io.switchboard.protocol.message;

import io.switchboard.protocol.FrameType;
import java.util.List;

/**
 * Server to client, the answer to a good HELLO. Every later frame uses the chosen codec.
 *
 * @param version      protocol version both sides now speak
 * @param server       the server's name
 * @param aliases      other names the server answers to
 * @param codec        the codec chosen from the client's list
 * @param maxFrame     largest frame, in bytes without the length prefix, the server accepts
 * @param heartbeatMs  heartbeat interval both sides keep; silence for three of them closes the connection
 * @param limits       the server's limits for calls
 * @param compression  the payload compression both sides may use from now on ({@code deflate}); absent for none
 * @param compressAbove with compression, the threshold in payload bytes above which the server compresses
 */
public record Welcome(
        int version,
        String server,
        List<String> aliases,
        String codec,
        int maxFrame,
        long heartbeatMs,
        Limits limits,
        String compression,
        Integer compressAbove)
        implements Message {

    /** A WELCOME without compression. */
    public Welcome(
            int version,
            String server,
            List<String> aliases,
            String codec,
            int maxFrame,
            long heartbeatMs,
            Limits limits) {
        this(version, server, aliases, codec, maxFrame, heartbeatMs, limits, null, null);
    }

    /**
     * @param defaultTimeoutMs deadline given to a DELIVER whose timeout is 0
     * @param maxTimeoutMs     longest deadline; longer timeouts are cut to it
     * @param maxInflight      largest per-publisher in-flight cap a PUBLISH may ask for
     */
    public record Limits(long defaultTimeoutMs, long maxTimeoutMs, int maxInflight) {}

    @Override
    public FrameType frameType() {
        return FrameType.WELCOME;
    }
}
