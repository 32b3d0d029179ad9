package io.switchboard.protocol.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.FrameType;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.message.Message;
import java.io.IOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Documents (the bodies of control messages) to message records, with failures a peer can act on: the field
 * named, the expected type said in words, and the {@code req} of a request kept whenever it could be read, so the
 * ERROR reaches the request that waits for it.
 */
final class Documents {

    /** Client requests answered by a message carrying their {@code req}: theirs must be 1 or more. */
    private static final Set<FrameType> REQUESTS = EnumSet.of(
            FrameType.PUBLISH,
            FrameType.RESCIND,
            FrameType.LIST,
            FrameType.SUBSCRIBE,
            FrameType.UNSUBSCRIBE,
            FrameType.REGISTER,
            FrameType.UNREGISTER,
            FrameType.REFRESH,
            FrameType.RESOLVE,
            FrameType.WATCH,
            FrameType.UNWATCH,
            FrameType.XA_PREPARE,
            FrameType.XA_COMMIT,
            FrameType.XA_ROLLBACK,
            FrameType.XA_RECOVER);

    /**
     * The fields a document of each type must have (besides {@code req}, checked first); absent or null is refused.
     * Only what peers send to the server is listed: the server's own documents always carry theirs.
     */
    private static final Map<FrameType, List<String>> REQUIRED = new EnumMap<>(Map.ofEntries(
            Map.entry(FrameType.HELLO, List.of("version")),
            // A client may report a problem with ERROR; without a code there is nothing to report.
            Map.entry(FrameType.ERROR, List.of("code")),
            Map.entry(FrameType.PUBLISH, List.of("alias", "methods")),
            Map.entry(FrameType.RESCIND, List.of("alias")),
            Map.entry(FrameType.SUBSCRIBE, List.of("alias")),
            Map.entry(FrameType.UNSUBSCRIBE, List.of("alias")),
            Map.entry(FrameType.REGISTER, List.of("name", "endpoints")),
            Map.entry(FrameType.UNREGISTER, List.of("name", "instance")),
            Map.entry(FrameType.REFRESH, List.of("instance")),
            Map.entry(FrameType.RESOLVE, List.of("name")),
            Map.entry(FrameType.WATCH, List.of("name")),
            Map.entry(FrameType.UNWATCH, List.of("name")),
            Map.entry(FrameType.FETCH, List.of("ticket")),
            Map.entry(FrameType.XA_PREPARE, List.of("xid")),
            Map.entry(FrameType.XA_COMMIT, List.of("xid")),
            Map.entry(FrameType.XA_ROLLBACK, List.of("xid")),
            Map.entry(FrameType.PING, List.of("id")),
            Map.entry(FrameType.PONG, List.of("id"))));

    private Documents() {}

    /** Binds a checked document to its message record with the codec's mapper. */
    @FunctionalInterface
    interface Binder {
        Message bind(ObjectMapper mapper) throws IOException;
    }

    /** The fields a document of {@code type} must carry, for documentation and tests. */
    static List<String> required(FrameType type) {
        return REQUIRED.getOrDefault(type, List.of());
    }

    /**
     * The message a parsed document stands for; {@code type} is the document's frame type.
     *
     * @param typesScalars whether the codec types its scalars (false for XML, whose values are all text)
     * @param binder       binds the document to its message record once the checks passed
     */
    static Message toMessage(
            ObjectMapper mapper, JsonNode document, FrameType type, boolean typesScalars, Binder binder) {
        String name = type.textName();
        if (!document.isObject()) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, name + " must be an object of fields");
        }
        long req = REQUESTS.contains(type) ? Requests.req(document.get("req"), name, typesScalars) : 0;
        for (String field : required(type)) {
            JsonNode value = document.get(field);
            if (value == null || value.isNull()) {
                ProtocolException missing =
                        new ProtocolException(ErrorCode.BAD_REQUEST, name + " needs \"" + field + "\"");
                throw req == 0 ? missing : ProtocolException.inRequest(missing, req);
            }
        }
        try {
            return binder.bind(mapper);
        } catch (IOException | IllegalArgumentException e) {
            ProtocolException problem = new ProtocolException(ErrorCode.BAD_REQUEST, name + " " + explain(e));
            throw req == 0 ? problem : ProtocolException.inRequest(problem, req);
        }
    }

    /** What went wrong, in a phrase that names the field and says what it should be. */
    static String explain(Exception e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
            // A record's own check: its message is written for peers.
            return "is invalid: " + vie.getCause().getMessage();
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            Class<?> target = e instanceof MismatchedInputException mie ? mie.getTargetType() : null;
            return "\"" + path(jme) + "\" must be " + expected(target);
        }
        return "is malformed: " + reason(e);
    }

    /** A parse failure, for a peer: Jackson's first line, without its source excerpt. */
    static String reason(Exception e) {
        String message =
                firstLine(e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage());
        // Jackson quotes Java types in backticks (`java.util.ArrayList<...>`): meaningless to a peer.
        return message.replaceAll("`[^`]*`", "a value");
    }

    /** {@code methods[0]}, {@code metadata.zone}: the field as a peer spells it. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        if (target == String.class) {
            return "a string";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (target == int.class || target == Integer.class) {
            return "a whole number (32 bits)";
        }
        if (target == long.class || target == Long.class) {
            return "a whole number (64 bits)";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(target) || target.isRecord()) {
            return "an object";
        }
        if (target.isEnum()) {
            return "one of the names this field allows";
        }
        return "of another type";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
