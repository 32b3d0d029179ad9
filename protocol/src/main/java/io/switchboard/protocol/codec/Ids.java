package io.switchboard.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ProtocolException;
import java.math.BigInteger;

/**
 * Call and PING ids (DELIVER, RESULT, TICKET, PING, PONG) are u64 in both modes. Binary frames carry the 64 bits;
 * text lines carry the same value as a JSON number from 0 to 2^64-1. In Java both live in a {@code long}, so ids from
 * 2^63 on are negative here and are written back unsigned.
 */
final class Ids {

    static final String RULE = "a whole number from 0 to 18446744073709551615";

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private Ids() {}

    /** The u64 id of a text line's {@code field}, as the 64 bits a {@code long} holds. */
    static long read(ObjectNode line, String field, String type) {
        JsonNode id = line.get(field);
        if (id == null || id.isNull()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, type + " needs \"" + field + "\", " + RULE);
        }
        if (id.isIntegralNumber()) {
            BigInteger value = id.bigIntegerValue();
            if (value.signum() >= 0 && value.compareTo(TWO_TO_64) < 0) {
                return value.longValue();
            }
        }
        throw new ProtocolException(
                ErrorCode.BAD_REQUEST, type + " \"" + field + "\" must be " + RULE + ", not " + shown(id));
    }

    /** Replaces a text line's u64 {@code id} by the {@code long} holding its bits, for the record mapper. */
    static void normalise(ObjectNode line, String type) {
        line.put("id", read(line, "id", type));
    }

    /** A {@code long} holding u64 bits, as the JSON number it stands for. */
    static JsonNode unsigned(long id) {
        return id >= 0 ? LongNode.valueOf(id) : BigIntegerNode.valueOf(new BigInteger(Long.toUnsignedString(id)));
    }

    private static String shown(JsonNode value) {
        if (!value.isValueNode()) {
            return value.isArray() ? "an array" : "an object";
        }
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
