package io.switchboard.server.routing;

import io.netty.buffer.ByteBufUtil;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.message.CallMeta;

/**
 * Whether a forwarded DELIVER or RESULT still fits the frame limit. What came in fitted; only a transcoded
 * payload (CBOR to JSON, say) and the caller's name, which the server adds to each DELIVER, make it grow. A frame
 * that does not fit would fail in the encoder, on the receiver's event loop, where nobody could answer the call
 * any more; so it is caught here and answered instead.
 */
public final class FrameLimit {

    /** Type, id, timeout, flags, and the two one-byte name lengths. */
    private static final int DELIVER_FIXED = 1 + 8 + 4 + 1 + 1 + 1;
    /** Type, id, code, and the two-byte message length. */
    private static final int RESULT_FIXED = 1 + 8 + 1 + 2;

    private final int maxFrameSize;

    public FrameLimit(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    boolean deliverFits(String alias, String method, CallMeta meta, byte[] payload) {
        int rest = meta.wireSize() + payload.length;
        if (DELIVER_FIXED + 2 * Protocol.MAX_NAME_BYTES + rest <= maxFrameSize) {
            return true; // the common case, decided without measuring the names
        }
        return DELIVER_FIXED + ByteBufUtil.utf8Bytes(alias) + ByteBufUtil.utf8Bytes(method) + rest <= maxFrameSize;
    }

    public boolean resultFits(String message, byte[] payload) {
        if (RESULT_FIXED + 3 * message.length() + payload.length <= maxFrameSize) {
            return true;
        }
        return RESULT_FIXED + ByteBufUtil.utf8Bytes(message) + payload.length <= maxFrameSize;
    }
}
