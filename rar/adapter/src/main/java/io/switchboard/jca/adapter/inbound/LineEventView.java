package io.switchboard.jca.adapter.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.jca.api.frontdoor.Line;
import io.switchboard.jca.api.frontdoor.LineInput;
import io.switchboard.jca.api.frontdoor.WelcomeBack;
import io.switchboard.jca.api.inbound.Call;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a front door's events (docs/front-door.md, "Events to the application") into the API's types: line
 * metadata from the call's headers, input and welcome-back from its payload. A malformed event fails the
 * delivery with {@link IllegalArgumentException}, which the server records as the event's handler-error.
 */
final class LineEventView {

    /** The header prefix of each line attribute. */
    private static final String ATTRIBUTE_PREFIX = "attr.";

    private LineEventView() {}

    static Line line(Call call) {
        Map<String, String> headers = call.headers();
        return new LineRecord(
                required(headers, "line"),
                headers.getOrDefault("remote", ""),
                headers.getOrDefault("protocol", ""),
                epochMillis(headers.get("connected_at")),
                headers.getOrDefault("front_door", ""),
                "true".equals(headers.get("redelivered")),
                attributes(headers));
    }

    /** Each header {@code attr.<name>} is an attribute of the line. */
    private static Map<String, String> attributes(Map<String, String> headers) {
        Map<String, String> attributes = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name.startsWith(ATTRIBUTE_PREFIX)) {
                attributes.put(name.substring(ATTRIBUTE_PREFIX.length()), value);
            }
        });
        return Collections.unmodifiableMap(attributes);
    }

    private static Map<String, String> attributes(JsonNode entry) {
        Map<String, String> attributes = new LinkedHashMap<>();
        entry.path("attributes").fields().forEachRemaining(field -> {
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("welcome-back entry of line "
                        + entry.path("line").asText() + " has attribute '" + field.getKey() + "' that is not a string");
            }
            attributes.put(field.getKey(), field.getValue().textValue());
        });
        return Collections.unmodifiableMap(attributes);
    }

    /** The payload as the adapter's own Jackson tree (the API names no Jackson type); missing when none. */
    private static JsonNode tree(Call call) {
        JsonNode tree = call.payloadAs(JsonNode.class);
        return tree == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : tree;
    }

    static LineInput input(Call call) {
        boolean text = !"binary".equals(call.headers().get("kind"));
        JsonNode payload = tree(call);
        byte[] bytes;
        try {
            if (payload.isBinary() || (!text && payload.isTextual())) {
                bytes = payload.binaryValue(); // a byte string, or base64 in a JSON string
            } else if (payload.isTextual()) {
                bytes = payload.textValue().getBytes(StandardCharsets.UTF_8);
            } else {
                throw new IllegalArgumentException(
                        "input event of line " + call.headers().get("line") + " carries a " + payload.getNodeType()
                                + " payload, not text or bytes");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "input event of line " + call.headers().get("line")
                            + " carries binary input that is not valid base64: " + e.getMessage(),
                    e);
        }
        return new InputRecord(text, bytes, epochMillis(call.headers().get("received_at")));
    }

    static String reason(Call call) {
        return call.headers().getOrDefault("reason", "");
    }

    static WelcomeBack welcomeBack(Call call) {
        JsonNode doc = tree(call);
        if (!doc.isObject()) {
            throw new IllegalArgumentException("welcome-back event without a document payload");
        }
        String frontDoor = doc.path("front_door").asText("");
        return new WelcomeRecord(
                frontDoor,
                doc.path("reason").asText(""),
                entries(doc.path("lines"), frontDoor),
                entries(doc.path("disconnected"), frontDoor),
                doc.path("more").asBoolean(false));
    }

    private static List<WelcomeBack.Entry> entries(JsonNode array, String frontDoor) {
        List<WelcomeBack.Entry> entries = new ArrayList<>(array.size());
        for (JsonNode entry : array) {
            String id = entry.path("line").asText(null);
            if (id == null) {
                throw new IllegalArgumentException("welcome-back entry without a line id: " + entry);
            }
            Line line = new LineRecord(
                    id,
                    entry.path("remote").asText(""),
                    entry.path("protocol").asText(""),
                    Instant.ofEpochMilli(entry.path("connected_at").asLong()),
                    frontDoor,
                    false,
                    attributes(entry));
            entries.add(new EntryRecord(
                    line,
                    entry.path("announced").asBoolean(false),
                    entry.path("dropped").asLong(0)));
        }
        return List.copyOf(entries);
    }

    private static String required(Map<String, String> headers, String name) {
        String value = headers.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("front door event without the '" + name + "' header: " + headers);
        }
        return value;
    }

    private static Instant epochMillis(String value) {
        if (value == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("front door event header holds '" + value + "', not milliseconds");
        }
    }

    private record LineRecord(
            String id,
            String remoteAddress,
            String protocol,
            Instant connectedAt,
            String frontDoor,
            boolean redelivered,
            Map<String, String> attributes)
            implements Line {}

    private record InputRecord(boolean isText, byte[] bytes, Instant receivedAt) implements LineInput {
        @Override
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return (isText ? "text " : "binary ") + bytes.length + " bytes";
        }
    }

    private record EntryRecord(Line line, boolean announced, long dropped) implements WelcomeBack.Entry {}

    private record WelcomeRecord(
            String frontDoor, String reason, List<Entry> lines, List<Entry> disconnected, boolean more)
            implements WelcomeBack {}
}
