package io.switchboard.server.routing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.codec.TextMessageEncoder;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Result;

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

    /** A text DELIVER line's own fields, with the longest id and timeout, caller and headers written as JSON. */
    private static final int TEXT_DELIVER_FIXED = 160;
    /** A text RESULT line's own fields, with the longest id and code. */
    private static final int TEXT_RESULT_FIXED = 100;
    /** The most bytes JSON writes for one char of a string (a control character as {@code \u0001}). */
    private static final int TEXT_ESCAPE = 6;

    private final int maxFrameSize;

    public FrameLimit(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    /**
     * As {@link #deliverFits(String, String, CallMeta, byte[])}, for a receiver in text mode or not: a text line
     * spells the fixed fields out and escapes strings, so it is bounded generously first and, only when that bound
     * is over the limit, measured by writing the line with the largest id and timeout.
     */
    boolean deliverFits(String alias, String method, CallMeta meta, byte[] payload, boolean text) {
        if (!text) {
            return deliverFits(alias, method, meta, payload);
        }
        long bound = TEXT_DELIVER_FIXED
                + TEXT_ESCAPE * (alias.length() + method.length() + (long) meta.wireSize())
                + payload.length;
        return bound <= maxFrameSize
                || lineLength(new Deliver(-1L, alias, method, 0xFFFF_FFFFL, meta, payload)) <= maxFrameSize;
    }

    /** As {@link #resultFits(String, byte[])}, for a receiver in text mode or not (see the DELIVER variant). */
    public boolean resultFits(String message, byte[] payload, boolean text) {
        if (!text) {
            return resultFits(message, payload);
        }
        long bound = TEXT_RESULT_FIXED + TEXT_ESCAPE * (long) message.length() + payload.length;
        return bound <= maxFrameSize
                || lineLength(new Result(-1L, ResultCode.NO_SUCH_TICKET, message, payload)) <= maxFrameSize;
    }

    private static int lineLength(Message message) {
        ByteBuf line = Unpooled.buffer();
        try {
            TextMessageEncoder.encode(message, line);
            return line.readableBytes() - 1;
        } finally {
            line.release();
        }
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
