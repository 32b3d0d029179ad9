package io.switchboard.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;

/**
 * The {@code req} rule of client requests: a whole number from 1 to 2^63-1. Answers carry it back, and 0 is what
 * unsolicited events carry, so a request without a usable {@code req} is refused (with ERROR {@code req} 0).
 */
final class Requests {

    static final String RULE = "a whole number from 1 to 9223372036854775807";

    private Requests() {}

    /** The request id of a document's {@code req} field; refuses a missing, 0, negative or non-integer one. */
    static long req(JsonNode req, String type) {
        return req(req, type, true);
    }

    /**
     * As {@link #req(JsonNode, String)}; where the codec does not type its scalars (XML), the {@code req} is text
     * that must spell such a number.
     */
    static long req(JsonNode req, String type, boolean typesScalars) {
        if (!typesScalars && req != null && req.isTextual()) {
            try {
                long value = Long.parseLong(req.asText().trim());
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException notANumber) {
                // refused below, like any req that is not a whole number
            }
        }
        if (req == null || req.isNull()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, type + " needs \"req\", " + RULE);
        }
        if (!req.isIntegralNumber() || !req.canConvertToLong() || req.longValue() <= 0) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, type + " \"req\" must be " + RULE + ", not " + shown(req));
        }
        return req.longValue();
    }

    private static String shown(JsonNode value) {
        if (!value.isValueNode()) {
            return "an " + (value.isArray() ? "array" : "object");
        }
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** The {@code req} of a fixed-layout request (FETCH), read as a u64: the same rule. */
    static long req(long req, String type) {
        if (req <= 0) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, type + " \"req\" must be " + RULE + ", not " + Long.toUnsignedString(req));
        }
        return req;
    }
}
