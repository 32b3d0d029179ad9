package io.switchboard.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Rewrites a payload from one codec to another by streaming tokens, without building a tree.
 * Used only when caller and publisher negotiated different codecs; otherwise payloads pass untouched. A codec that is
 * not a token stream (XML) is read and written as a whole document instead.
 */
public final class PayloadTranscoder {

    private PayloadTranscoder() {}

    /**
     * @return the payload in {@code to}; the same array when the codecs are equal or the payload is empty
     * @throws ProtocolException with {@link ErrorCode#BAD_REQUEST} when the payload is not one valid
     *         document of {@code from}
     */
    public static byte[] transcode(byte[] payload, Codec from, Codec to) {
        if (from == to || payload.length == 0) {
            return payload;
        }
        if (!from.provider().streamsTokens() || !to.provider().streamsTokens()) {
            return throughTree(payload, from, to);
        }
        try (JsonParser parser = from.factory().createParser(payload);
                ByteArrayBuilder out = new ByteArrayBuilder(Math.max(64, payload.length * 2));
                JsonGenerator generator = to.factory().createGenerator(out)) {
            if (parser.nextToken() == null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "payload is empty in " + from.wireName());
            }
            generator.copyCurrentStructure(parser);
            if (!generator.getOutputContext().inRoot()) {
                // The input ended inside an array or object without an error: Smile's end-of-content marker (0xFF)
                // does that. Passed on, the receiver would get a truncated document (found by fuzzing).
                throw new ProtocolException(
                        ErrorCode.BAD_REQUEST, "payload ends inside its " + from.wireName() + " document");
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new ProtocolException(
                        ErrorCode.BAD_REQUEST, "payload holds more than one " + from.wireName() + " document");
            }
            generator.flush();
            return out.toByteArray();
        } catch (JsonProcessingException e) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    "payload is not valid " + from.wireName() + ": " + e.getOriginalMessage(),
                    false,
                    0,
                    e);
        } catch (IOException e) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    "payload is not valid " + from.wireName() + ": " + e.getMessage(),
                    false,
                    0,
                    e);
        }
    }

    /** For a format that is not a token stream (XML): the whole document through the JSON data model. */
    private static byte[] throughTree(byte[] payload, Codec from, Codec to) {
        JsonNode value;
        try {
            value = from.provider().readPayload(from.mapper(), payload);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: an XML element name "base64_tag_..." whose rest is no base64 (found by
            // fuzzing).
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, "payload is not valid " + from.wireName() + ": " + reason(e), false, 0, e);
        }
        try {
            return to.provider().writePayload(to.mapper(), value);
        } catch (IOException | IllegalArgumentException e) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    "payload cannot be written as " + to.wireName() + ": " + reason(e),
                    false,
                    0,
                    e);
        }
    }

    private static String reason(Exception e) {
        return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }
}
