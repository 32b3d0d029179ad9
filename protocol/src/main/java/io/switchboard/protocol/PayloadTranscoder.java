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

    /** Reads JSON floating-point numbers as the exact decimals they spell. */
    private static final com.fasterxml.jackson.databind.ObjectMapper EXACT_JSON = exactJson();

    private PayloadTranscoder() {}

    /** A JSON mapper that reads every number exactly: big decimals for fractions, their scale kept. */
    public static com.fasterxml.jackson.databind.ObjectMapper exactJson() {
        com.fasterxml.jackson.databind.ObjectMapper mapper = Codec.JSON.mapper().copy();
        mapper.enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        return mapper;
    }

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
            copyExactly(parser, generator, to);
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

    /**
     * A JSON payload compacted onto one line (for a text-mode peer), every number copied as it was written.
     *
     * @throws ProtocolException with {@link ErrorCode#BAD_REQUEST} when the payload is not one JSON document
     */
    public static byte[] compactJson(byte[] payload) {
        try (JsonParser parser = Codec.JSON.factory().createParser(payload);
                ByteArrayBuilder out = new ByteArrayBuilder(payload.length);
                JsonGenerator generator = Codec.JSON.factory().createGenerator(out)) {
            if (parser.nextToken() == null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "payload is empty JSON");
            }
            copyExactly(parser, generator, Codec.JSON);
            if (parser.nextToken() != null) {
                throw new ProtocolException(ErrorCode.BAD_REQUEST, "payload holds more than one JSON document");
            }
            generator.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, "payload is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * Copies the value at the parser's current token (W10: numbers exactly). Jackson's own copy reads every
     * floating-point number of a text format as a double, which turns {@code 1e400} into Infinity and
     * {@code 0.1000000000000000000001} into 0.1. Here a number written as text keeps its exact value: into JSON
     * as the very text it was, into a binary format as a double when the double's shortest form is the same number,
     * else as a big decimal (CBOR tag 4, Smile's big decimal). Binary doubles and floats are copied as they are; a
     * NaN or infinity cannot be carried by JSON and is refused.
     */
    static void copyExactly(JsonParser parser, JsonGenerator generator, Codec to) throws IOException {
        int depth = 0;
        JsonToken token = parser.currentToken();
        while (token != null) {
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                copyFloat(parser, generator, to);
            } else {
                generator.copyCurrentEvent(parser);
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
        }
    }

    private static void copyFloat(JsonParser parser, JsonGenerator generator, Codec to) throws IOException {
        if (parser.getNumberTypeFP() == JsonParser.NumberTypeFP.UNKNOWN) {
            // A text format: the text is the number.
            if (to == Codec.JSON) {
                generator.writeNumber(parser.getText());
                return;
            }
            java.math.BigDecimal exact = parser.getDecimalValue();
            double near = exact.doubleValue();
            if (Double.isFinite(near) && new java.math.BigDecimal(Double.toString(near)).compareTo(exact) == 0) {
                generator.writeNumber(near);
            } else {
                generator.writeNumber(exact);
            }
            return;
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
            generator.writeNumber(parser.getDecimalValue());
            return;
        }
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value) && to == Codec.JSON) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST,
                    "payload holds the number " + value + ", which JSON cannot carry (no NaN or infinity in JSON)");
        }
        if (parser.getNumberType() == JsonParser.NumberType.FLOAT) {
            generator.writeNumber(parser.getFloatValue());
        } else {
            generator.writeNumber(value);
        }
    }

    /** For a format that is not a token stream (XML): the whole document through the JSON data model. */
    private static byte[] throughTree(byte[] payload, Codec from, Codec to) {
        JsonNode value;
        try {
            // JSON's numbers are read exactly (big decimals, trailing zeros kept), so XML gets them as written.
            value = from.provider().readPayload(from == Codec.JSON ? EXACT_JSON : from.mapper(), payload);
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
