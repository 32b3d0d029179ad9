package io.switchboard.server.routing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.PayloadTranscoder;
import io.switchboard.protocol.ProtocolException;
import java.io.IOException;

/**
 * Gets a payload from one connection's form into another's. Usually a no-op: the bytes pass untouched.
 * Codecs differ: transcode. Binary JSON to a text-mode peer: the bytes are written raw into one line, so
 * they are checked and compacted (a pretty-printed payload's newlines would split the line).
 */
final class Payloads {

    private Payloads() {
    }

    /** @throws ProtocolException (bad-request) when the payload is not a valid document of the sender's codec */
    static byte[] convert(byte[] payload, Caller from, Caller to) {
        if (from.codec() != to.codec()) {
            return PayloadTranscoder.transcode(payload, from.codec(), to.codec());
        }
        if (to.isTextMode() && !from.isTextMode() && payload.length > 0) {
            return compactJson(payload);
        }
        return payload;
    }

    private static byte[] compactJson(byte[] payload) {
        try (JsonParser parser = Codec.JSON.factory().createParser(payload);
             ByteArrayBuilder out = new ByteArrayBuilder(payload.length);
             JsonGenerator generator = Codec.JSON.factory().createGenerator(out)) {
            if (parser.nextToken() == null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "payload is empty JSON");
            }
            generator.copyCurrentStructure(parser);
            if (parser.nextToken() != null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "payload holds more than one JSON document");
            }
            generator.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "payload is not valid JSON: " + e.getMessage());
        }
    }
}
