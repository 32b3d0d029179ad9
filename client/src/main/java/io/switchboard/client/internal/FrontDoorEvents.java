package io.switchboard.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.client.CallRefusedException;
import io.switchboard.client.IncomingCall;
import io.switchboard.client.Line;
import io.switchboard.client.LineInput;
import io.switchboard.client.SwitchboardException;
import io.switchboard.client.WelcomeBack;
import io.switchboard.protocol.ResultCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads front-door events as docs/front-door.md defines them: line metadata from the DELIVER's headers, input
 * from its payload, welcome-back parts from their document. Anything malformed is refused {@code bad-request}
 * naming what is wrong, so a caller that is not the front door learns why.
 */
final class FrontDoorEvents {

    /** The caller name of every front-door event, followed by the front door's name. */
    static final String CALLER_PREFIX = "$front-door/";

    private FrontDoorEvents() {}

    /** The header prefix of each line attribute: {@code attr.<name>}. */
    static final String ATTRIBUTE_PREFIX = "attr.";

    /** The line an event is about, from its headers. */
    static Line line(IncomingCall call) {
        Map<String, String> h = call.headers();
        return new Line(
                header(h, "line"),
                header(h, "remote"),
                header(h, "protocol"),
                Instant.ofEpochMilli(millis(h, "connected_at")),
                header(h, "front_door"),
                "true".equals(h.get("redelivered")),
                attributes(h));
    }

    private static Map<String, String> attributes(Map<String, String> headers) {
        Map<String, String> attributes = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name.startsWith(ATTRIBUTE_PREFIX)) {
                attributes.put(name.substring(ATTRIBUTE_PREFIX.length()), value);
            }
        });
        return attributes;
    }

    /** The input of an {@code input} event: its {@code kind} header says how to read the payload. */
    static LineInput input(IncomingCall call) {
        Map<String, String> h = call.headers();
        Instant receivedAt = Instant.ofEpochMilli(millis(h, "received_at"));
        String kind = header(h, "kind");
        try {
            switch (kind) {
                case "text":
                    return LineInput.text(notNull(call.payloadAs(String.class), "text input"), receivedAt);
                case "binary":
                    // A CBOR/Smile byte string or a JSON base64 string: the codec's mapper reads either as byte[].
                    return LineInput.binary(notNull(call.payloadAs(byte[].class), "binary input"), receivedAt);
                default:
                    throw badRequest("header 'kind' is '" + kind + "', not text or binary");
            }
        } catch (SwitchboardException e) {
            throw badRequest("the " + kind + " input's payload is unreadable: " + e.getMessage());
        }
    }

    static String reason(IncomingCall call) {
        return header(call.headers(), "reason");
    }

    /** One welcome-back part's document. */
    static WelcomeBackPart welcomeBackPart(IncomingCall call) {
        JsonNode doc;
        try {
            doc = call.payloadTree();
        } catch (SwitchboardException e) {
            throw badRequest("the welcome-back payload is unreadable: " + e.getMessage());
        }
        if (!doc.isObject()) {
            throw badRequest("the welcome-back payload is not a document");
        }
        String frontDoor = text(doc, "front_door", "the welcome-back");
        String reason = text(doc, "reason", "the welcome-back");
        List<WelcomeBack.Entry> lines = entries(doc, "lines", frontDoor);
        List<WelcomeBack.Entry> disconnected = entries(doc, "disconnected", frontDoor);
        return new WelcomeBackPart(
                frontDoor, reason, lines, disconnected, doc.path("more").asBoolean(false));
    }

    private static List<WelcomeBack.Entry> entries(JsonNode doc, String field, String frontDoor) {
        JsonNode array = doc.path(field);
        if (array.isMissingNode() || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw badRequest("the welcome-back's '" + field + "' is not a list");
        }
        List<WelcomeBack.Entry> entries = new ArrayList<>(array.size());
        for (JsonNode e : array) {
            String where = "an entry of the welcome-back's '" + field + "'";
            JsonNode connectedAt = e.path("connected_at");
            if (!connectedAt.isIntegralNumber()) {
                throw badRequest(where + " has no numeric 'connected_at'");
            }
            Line line = new Line(
                    text(e, "line", where),
                    text(e, "remote", where),
                    text(e, "protocol", where),
                    Instant.ofEpochMilli(connectedAt.longValue()),
                    frontDoor,
                    false,
                    attributes(e.path("attributes"), where));
            entries.add(new WelcomeBack.Entry(
                    line,
                    e.path("announced").asBoolean(false),
                    e.path("dropped").asLong(0)));
        }
        return entries;
    }

    /** An entry's {@code attributes}: a map of strings; absent means none. */
    private static Map<String, String> attributes(JsonNode attributes, String where) {
        if (attributes.isMissingNode() || attributes.isNull()) {
            return Map.of();
        }
        if (!attributes.isObject()) {
            throw badRequest(where + " has 'attributes' that is not a map");
        }
        Map<String, String> map = new LinkedHashMap<>();
        attributes.fields().forEachRemaining(field -> {
            if (!field.getValue().isTextual()) {
                throw badRequest(where + " has attribute '" + field.getKey() + "' that is not a string");
            }
            map.put(field.getKey(), field.getValue().textValue());
        });
        return map;
    }

    private static String text(JsonNode doc, String field, String where) {
        JsonNode value = doc.path(field);
        if (!value.isTextual()) {
            throw badRequest(where + " has no text '" + field + "'");
        }
        return value.textValue();
    }

    private static String header(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null) {
            throw badRequest("header '" + name + "' is missing");
        }
        return value;
    }

    private static long millis(Map<String, String> headers, String name) {
        String value = header(headers, name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw badRequest("header '" + name + "' is '" + value + "', not milliseconds since the epoch");
        }
    }

    private static <T> T notNull(T value, String what) {
        if (value == null) {
            throw badRequest(what + " has no payload");
        }
        return value;
    }

    static CallRefusedException badRequest(String why) {
        return new CallRefusedException(ResultCode.BAD_REQUEST, "not a front-door event: " + why);
    }
}
