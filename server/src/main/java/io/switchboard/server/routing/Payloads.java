package io.switchboard.server.routing;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.PayloadTranscoder;
import io.switchboard.protocol.ProtocolException;

/**
 * Gets a payload from one connection's form into another's. Usually a no-op: the bytes pass untouched.
 * Codecs differ: transcode. Binary JSON to a text-mode peer: the bytes are written raw into one line, so
 * they are checked and compacted (a pretty-printed payload's newlines would split the line).
 */
public final class Payloads {

    private Payloads() {}

    /** @throws ProtocolException (bad-request) when the payload is not a valid document of the sender's codec */
    public static byte[] convert(byte[] payload, Caller from, Caller to) {
        return convert(payload, from.codec(), from.isTextMode(), to);
    }

    /** As above, for a payload kept apart from its sender (a stored async call outcome). */
    public static byte[] convert(byte[] payload, Codec fromCodec, boolean fromTextMode, Caller to) {
        if (fromCodec != to.codec()) {
            return PayloadTranscoder.transcode(payload, fromCodec, to.codec());
        }
        if (to.isTextMode() && !fromTextMode && payload.length > 0) {
            return compactJson(payload);
        }
        return payload;
    }

    private static byte[] compactJson(byte[] payload) {
        return PayloadTranscoder.compactJson(payload);
    }
}
