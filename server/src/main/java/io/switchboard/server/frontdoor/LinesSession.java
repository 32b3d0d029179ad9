package io.switchboard.server.frontdoor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.BuiltInSession;
import io.switchboard.server.routing.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The server's {@code $lines} session: {@code send}, {@code close}, {@code broadcast} to front door lines and
 * {@code set-attributes} of a line, answered on the caller's event loop. Documents are in the caller's codec. In a
 * cluster, a call about lines that do not live here is passed to the other nodes ({@link OtherNodes#lines}) and
 * answered when they have: a line lives on one node, so at most one of them acts on a send, close or set-attributes.
 */
final class LinesSession implements BuiltInSession {

    static final String ALIAS = "$lines";

    private final Map<String, FrontDoor> doors;
    /** The cluster's other nodes; set once before serving. */
    private volatile OtherNodes others = OtherNodes.NONE;

    LinesSession(Map<String, FrontDoor> doors) {
        this.doors = doors;
    }

    void otherNodes(OtherNodes nodes) {
        others = nodes;
    }

    @Override
    public void deliver(Connection caller, Deliver call) {
        Result now = answer(caller.codec(), call, caller::answer);
        if (now != null) {
            caller.answer(now);
        }
    }

    /**
     * A {@code $lines} call another node passed on: answered with this node's lines only, never passed on again. A
     * broadcast to a front door this node lacks is answered {@code no-such-session}.
     */
    Result answerForOtherNode(Codec codec, String method, byte[] payload) {
        return answer(codec, new Deliver(0, ALIAS, method, 0, payload), null);
    }

    /**
     * The answer now, or null when it comes later through {@code later} (the other nodes were asked). With a null
     * {@code later} nobody else is asked.
     */
    private Result answer(Codec codec, Deliver call, Consumer<Result> later) {
        if (!ALIAS.equals(call.alias())) {
            return Result.failure(
                    call.id(),
                    ResultCode.NO_SUCH_SESSION,
                    "no session '" + call.alias() + "': the server's own sessions are " + ALIAS);
        }
        JsonNode doc;
        try {
            doc = codec.mapper().readTree(call.payload());
        } catch (IOException e) {
            return badRequest(call, "the payload is not a valid " + codec.wireName() + " document: " + e.getMessage());
        }
        if (doc == null || !doc.isObject()) {
            return badRequest(call, ALIAS + " " + call.method() + " takes a map, e.g. {\"line\": id, \"text\": ...}");
        }
        try {
            Elsewhere elsewhere = later == null || !others.hasOthers() ? null : new Elsewhere(codec, call, later);
            switch (call.method()) {
                case "send":
                    return send(call, doc, elsewhere);
                case "close":
                    return close(call, doc, elsewhere);
                case "broadcast":
                    return broadcast(codec, call, doc, elsewhere, later == null);
                case "set-attributes":
                    return setAttributes(call, doc, elsewhere);
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

    /** Asking the other nodes about a call this node cannot answer alone. */
    private final class Elsewhere {
        final Codec codec;
        final Deliver call;
        final Consumer<Result> later;

        Elsewhere(Codec codec, Deliver call, Consumer<Result> later) {
            this.codec = codec;
            this.call = call;
            this.later = later;
        }

        /** The line is not here: the node that has it answers; none has it: no-such-line. */
        Result aboutLine(String id) {
            others.lines(id, codec, call.method(), call.payload(), answers -> {
                for (Result answer : answers) {
                    if (answer.code() != ResultCode.NO_SUCH_LINE) {
                        later.accept(answer.withId(call.id(), answer.payload()));
                        return;
                    }
                }
                later.accept(Result.failure(call.id(), ResultCode.NO_SUCH_LINE, "line " + id + " is not open"));
            });
            return null;
        }
    }

    private Result send(Deliver call, JsonNode doc, Elsewhere elsewhere) {
        Line line = find(text(doc, "line"));
        Content content = content(doc);
        if (line == null) {
            return elsewhere != null ? elsewhere.aboutLine(text(doc, "line")) : noSuchLine(call, doc);
        }
        if (content.binary) {
            line.output.binary(content.bytes);
        } else {
            line.output.text(new String(content.bytes, StandardCharsets.UTF_8));
        }
        return Result.ok(call.id(), Deliver.NO_PAYLOAD);
    }

    private Result close(Deliver call, JsonNode doc, Elsewhere elsewhere) {
        Line line = find(text(doc, "line"));
        JsonNode reason = doc.get("reason");
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            throw new BadDocument("'reason' must be a string");
        }
        if (line == null) {
            return elsewhere != null ? elsewhere.aboutLine(text(doc, "line")) : noSuchLine(call, doc);
        }
        String text = reason == null || reason.isNull() || reason.asText().isBlank()
                ? CloseReason.DEFAULT_APPLICATION_REASON
                : reason.asText();
        line.close(CloseReason.byApplication(text));
        return Result.ok(call.id(), Deliver.NO_PAYLOAD);
    }

    private Result setAttributes(Deliver call, JsonNode doc, Elsewhere elsewhere) {
        Line line = find(text(doc, "line"));
        Map<String, String> changes = attributeChanges(doc);
        if (line == null) {
            return elsewhere != null ? elsewhere.aboutLine(text(doc, "line")) : noSuchLine(call, doc);
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

    private Result broadcast(Codec codec, Deliver call, JsonNode doc, Elsewhere elsewhere, boolean forOtherNode)
            throws BadDocument {
        Content content = content(doc);
        ArrayList<Line> targets = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        JsonNode ids = doc.get("lines");
        JsonNode frontDoor = doc.get("front_door");
        if ((ids == null) == (frontDoor == null)) {
            throw new BadDocument("broadcast takes either 'lines' (a list of line ids) or 'front_door' (a name)");
        }
        FrontDoor door = null;
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
            door = frontDoor.isTextual() ? doors.get(frontDoor.asText()) : null;
            if (door == null && elsewhere == null) {
                // Asked by another node, a front door this node lacks is no mistake: the others may have it.
                return Result.failure(
                        call.id(),
                        forOtherNode ? ResultCode.NO_SUCH_SESSION : ResultCode.BAD_REQUEST,
                        "no front door " + frontDoor + " (there are " + doors.keySet() + ")");
            }
            if (door != null) {
                Collection<Line> open = door.openLines();
                targets.ensureCapacity(open.size()); // one array at the door's size (addAll would copy twice)
                for (Line line : open) {
                    targets.add(line);
                }
            }
        }
        BroadcastWrite.write(targets, content.bytes, content.binary);
        if (elsewhere == null || (ids != null && missing.isEmpty())) {
            return broadcastAnswer(codec, call.id(), targets.size(), missing);
        }
        byte[] rest;
        if (ids != null) {
            ObjectNode only = ((ObjectNode) doc).deepCopy();
            only.putArray("lines").addAll(missing.stream().map(only::textNode).toList());
            rest = encode(codec, only);
        } else {
            rest = call.payload();
        }
        int sentHere = targets.size();
        boolean doorHere = door != null;
        others.lines(
                null,
                codec,
                call.method(),
                rest,
                answers ->
                        elsewhere.later.accept(merged(codec, call, frontDoor, sentHere, doorHere, missing, answers)));
        return null;
    }

    /** The answers of every node asked, summed: lines sent anywhere, ids open nowhere. */
    private Result merged(
            Codec codec,
            Deliver call,
            JsonNode frontDoor,
            int sent,
            boolean doorHere,
            List<String> missing,
            List<Result> answers) {
        Set<String> stillMissing = new LinkedHashSet<>(missing);
        boolean doorSomewhere = doorHere;
        for (Result answer : answers) {
            if (!answer.code().isOk()) {
                continue; // a node without that front door, or gone: it sent nothing
            }
            try {
                JsonNode there = codec.mapper().readTree(answer.payload());
                sent += there.path("sent").asInt();
                Set<String> missingThere = new LinkedHashSet<>();
                there.path("missing").forEach(id -> missingThere.add(id.asText()));
                stillMissing.retainAll(missingThere);
                doorSomewhere = true;
            } catch (IOException e) {
                // Written by another node of this cluster in this codec: not expected. It counts as sending nothing.
            }
        }
        if (frontDoor != null && !doorSomewhere) {
            return badRequest(
                    call, "no front door " + frontDoor + " on any node (there are " + doors.keySet() + " here)");
        }
        return broadcastAnswer(codec, call.id(), sent, List.copyOf(stillMissing));
    }

    private static Result broadcastAnswer(Codec codec, long id, int sent, List<String> missing) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sent", sent);
        answer.put("missing", missing);
        return Result.ok(id, encode(codec, answer));
    }

    private static byte[] encode(Codec codec, Object value) {
        try {
            return codec.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a $lines document", e); // in memory: not expected
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
