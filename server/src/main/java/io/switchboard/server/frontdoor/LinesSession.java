package io.switchboard.server.frontdoor;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.BuiltInSession;
import io.switchboard.server.routing.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's {@code $lines} session: {@code send}, {@code close}, {@code broadcast} to front door lines and
 * {@code set-attributes} of a line, answered on the caller's event loop. Documents are in the caller's codec.
 */
final class LinesSession implements BuiltInSession {

    static final String ALIAS = "$lines";

    private final Map<String, FrontDoor> doors;

    LinesSession(Map<String, FrontDoor> doors) {
        this.doors = doors;
    }

    @Override
    public void deliver(Connection caller, Deliver call) {
        caller.answer(answer(caller, call));
    }

    private Result answer(Connection caller, Deliver call) {
        if (!ALIAS.equals(call.alias())) {
            return Result.failure(
                    call.id(),
                    ResultCode.NO_SUCH_SESSION,
                    "no session '" + call.alias() + "': the server's own sessions are " + ALIAS);
        }
        JsonNode doc;
        try {
            doc = caller.codec().mapper().readTree(call.payload());
        } catch (IOException e) {
            return badRequest(
                    call, "the payload is not a valid " + caller.codec().wireName() + " document: " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            return badRequest(call, ALIAS + " " + call.method() + " takes a map, e.g. {\"line\": id, \"text\": ...}");
        }
        try {
            switch (call.method()) {
                case "send":
                    return send(call, doc);
                case "close":
                    return close(call, doc);
                case "broadcast":
                    return broadcast(caller, call, doc);
                case "set-attributes":
                    return setAttributes(call, doc);
                default:
                    return Result.failure(
                            call.id(),
                            ResultCode.UNKNOWN_METHOD,
                            "session '" + ALIAS + "' has no method '" + call.method()
                                    + "' (send, close, broadcast, set-attributes)");
            }
        } catch (BadDocument e) {
            return badRequest(call, e.getMessage());
        }
    }

    private Result send(Deliver call, JsonNode doc) {
        Line line = find(text(doc, "line"));
        Content content = content(doc);
        if (line == null) {
            return noSuchLine(call, doc);
        }
        if (content.binary) {
            line.output.binary(content.bytes);
        } else {
            line.output.text(new String(content.bytes, StandardCharsets.UTF_8));
        }
        return Result.ok(call.id(), Deliver.NO_PAYLOAD);
    }

    private Result close(Deliver call, JsonNode doc) {
        Line line = find(text(doc, "line"));
        JsonNode reason = doc.get("reason");
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            throw new BadDocument("'reason' must be a string");
        }
        if (line == null) {
            return noSuchLine(call, doc);
        }
        String text = reason == null || reason.isNull() || reason.asText().isBlank()
                ? CloseReason.DEFAULT_APPLICATION_REASON
                : reason.asText();
        line.close(CloseReason.byApplication(text));
        return Result.ok(call.id(), Deliver.NO_PAYLOAD);
    }

    private Result setAttributes(Deliver call, JsonNode doc) {
        Line line = find(text(doc, "line"));
        Map<String, String> changes = attributeChanges(doc);
        if (line == null) {
            return noSuchLine(call, doc);
        }
        try {
            line.setAttributes(changes);
        } catch (IllegalArgumentException overBound) {
            throw new BadDocument(overBound.getMessage());
        }
        return Result.ok(call.id(), Deliver.NO_PAYLOAD);
    }

    /** {@code attributes}: a map of names to strings, or to null to remove that attribute. */
    private static Map<String, String> attributeChanges(JsonNode doc) {
        JsonNode attributes = doc.get("attributes");
        if (attributes == null || !attributes.isObject()) {
            throw new BadDocument("'attributes' (a map of names to strings, or to null to remove one) is required");
        }
        Map<String, String> changes = new LinkedHashMap<>();
        attributes.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (!value.isNull() && !value.isTextual()) {
                throw new BadDocument("'attributes." + field.getKey() + "' must be a string, or null to remove it");
            }
            changes.put(field.getKey(), value.isNull() ? null : value.textValue());
        });
        return changes;
    }

    private Result broadcast(Connection caller, Deliver call, JsonNode doc) throws BadDocument {
        Content content = content(doc);
        List<Line> targets = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        JsonNode ids = doc.get("lines");
        JsonNode frontDoor = doc.get("front_door");
        if ((ids == null) == (frontDoor == null)) {
            throw new BadDocument("broadcast takes either 'lines' (a list of line ids) or 'front_door' (a name)");
        }
        if (ids != null) {
            if (!ids.isArray()) {
                throw new BadDocument("'lines' must be a list of line ids");
            }
            for (JsonNode id : ids) {
                if (!id.isTextual()) {
                    throw new BadDocument("'lines' must hold line ids (strings)");
                }
                Line line = find(id.asText());
                if (line == null) {
                    missing.add(id.asText());
                } else {
                    targets.add(line);
                }
            }
        } else {
            FrontDoor door = frontDoor.isTextual() ? doors.get(frontDoor.asText()) : null;
            if (door == null) {
                throw new BadDocument("no front door " + frontDoor + " (there are " + doors.keySet() + ")");
            }
            targets.addAll(door.openLines());
        }
        // Encoded once; every line writes a view of the same bytes.
        ByteBuf shared = Unpooled.buffer(content.bytes.length + 1)
                .writeBytes(content.bytes)
                .writeByte('\n');
        try {
            for (Line line : targets) {
                line.output.shared(shared, content.binary);
            }
        } finally {
            shared.release();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sent", targets.size());
        answer.put("missing", missing);
        try {
            return Result.ok(call.id(), caller.codec().mapper().writeValueAsBytes(answer));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the broadcast's answer", e); // in memory: not expected
        }
    }

    private Line find(String id) {
        for (FrontDoor door : doors.values()) {
            Line line = door.openLine(id);
            if (line != null) {
                return line;
            }
        }
        return null;
    }

    /** What to send: exactly one of {@code text} (a string) and {@code binary} (bytes; base64 in JSON). */
    private record Content(byte[] bytes, boolean binary) {}

    private static Content content(JsonNode doc) {
        JsonNode text = doc.get("text");
        JsonNode binary = doc.get("binary");
        if ((text == null) == (binary == null)) {
            throw new BadDocument("give exactly one of 'text' (a string) and 'binary' (bytes)");
        }
        if (text != null) {
            if (!text.isTextual()) {
                throw new BadDocument("'text' must be a string");
            }
            return new Content(text.asText().getBytes(StandardCharsets.UTF_8), false);
        }
        try {
            byte[] bytes = binary.binaryValue();
            if (bytes == null) {
                throw new BadDocument("'binary' must be a byte string (in JSON: a base64 string)");
            }
            return new Content(bytes, true);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadDocument("'binary' must be a byte string (in JSON: a base64 string): " + e.getMessage());
        }
    }

    private static String text(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        if (value == null || !value.isTextual()) {
            throw new BadDocument("'" + field + "' (a line id string) is required");
        }
        return value.asText();
    }

    private static Result noSuchLine(Deliver call, JsonNode doc) {
        return Result.failure(
                call.id(), ResultCode.NO_SUCH_LINE, "line " + doc.get("line").asText() + " is not open");
    }

    private static Result badRequest(Deliver call, String message) {
        return Result.failure(call.id(), ResultCode.BAD_REQUEST, message);
    }

    /** A document that does not say what to do; answered bad-request. */
    private static final class BadDocument extends RuntimeException {
        BadDocument(String message) {
            super(message, null, false, false);
        }
    }
}
