package io.switchboard.protocol.codec;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.SessionEvent;

/**
 * A message this side was about to send that does not fit the peer's maximum frame. An answer to a request names
 * the request's {@code req}, so that request alone fails with {@code frame-too-large} and the connection goes on; a
 * message nobody asked for (an event with {@code req} 0) cannot be replaced by a smaller one, so it closes the
 * connection: the peer would otherwise miss it without knowing.
 */
final class Oversize {

    private Oversize() {}

    static ProtocolException of(Message message, long size, int maxFrameSize, String unit) {
        String text = message.frameType().textName().toUpperCase() + " " + unit + " of " + size
                + " bytes exceeds the peer's maximum of " + maxFrameSize;
        long req = answeredReq(message);
        if (req != 0) {
            return ProtocolException.inRequest(
                    new ProtocolException(ErrorCode.FRAME_TOO_LARGE, "the answer does not fit: " + text), req);
        }
        if (message instanceof SessionEvent || message instanceof Entries) {
            return ProtocolException.fatal(ErrorCode.FRAME_TOO_LARGE, text);
        }
        return new ProtocolException(ErrorCode.FRAME_TOO_LARGE, text);
    }

    /** The {@code req} of the request {@code message} answers, or 0. */
    static long answeredReq(Message message) {
        if (message instanceof Listing m) {
            return m.req();
        } else if (message instanceof Entries m) {
            return m.req();
        } else if (message instanceof Ack m) {
            return m.req();
        } else if (message instanceof Registered m) {
            return m.req();
        } else if (message instanceof SessionEvent m) {
            return m.req();
        } else if (message instanceof ErrorMessage m) {
            return m.req();
        }
        return 0;
    }
}
