package io.switchboard.server.frontdoor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.protocol.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The payloads the server itself writes for a handler instance, in the instance's codec: an input wrapped as
 * one string or byte string (never parsed), the welcome-back document; and the reading of an input's RESULT.
 */
final class EventPayloads {

    private EventPayloads() {}

    /** Text input as a string (its UTF-8 bytes copied as they are), binary as a byte string (base64 in JSON). */
    static byte[] input(Codec codec, LineEvent event) {
        return write(codec, event.bytes() + 16, generator -> {
            if (event.binary) {
                generator.writeBinary(event.input);
            } else {
                generator.writeUTF8String(event.input, 0, event.input.length);
            }
        });
    }

    static byte[] welcomeBack(
            Codec codec, String frontDoor, String reason, List<Line> open, List<Line> gone, boolean more) {
        return write(codec, 128 + 200 * (open.size() + gone.size()), generator -> {
            generator.writeStartObject();
            generator.writeStringField("front_door", frontDoor);
            generator.writeStringField("reason", reason);
            writeLines(generator, "lines", open);
            writeLines(generator, "disconnected", gone);
            generator.writeBooleanField("more", more);
            generator.writeEndObject();
        });
    }

    private static void writeLines(JsonGenerator generator, String field, List<Line> lines) throws IOException {
        generator.writeArrayFieldStart(field);
        for (Line line : lines) {
            generator.writeStartObject();
            generator.writeStringField("line", line.id);
            generator.writeStringField("remote", line.remote);
            generator.writeStringField("protocol", line.protocol.wireName());
            generator.writeNumberField("connected_at", line.connectedAt);
            generator.writeBooleanField("announced", line.announced);
            generator.writeNumberField("dropped", line.dropped);
            generator.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> attribute : line.attributes().entrySet()) {
                generator.writeStringField(attribute.getKey(), attribute.getValue());
            }
            generator.writeEndObject();
            generator.writeEndObject();
        }
        generator.writeEndArray();
    }

    /** What an {@code input}'s RESULT payload asks to send to the line. */
    record Reply(String text, byte[] binary) {
        static final Reply NONE = new Reply(null, null);
    }

    /**
     * A string is text, a byte string binary, null or nothing sends nothing, any other value its compact JSON.
     *
     * @throws IOException when the payload is not a document of {@code codec}
     */
    static Reply reply(Codec codec, byte[] payload) throws IOException {
        if (payload.length == 0) {
            return Reply.NONE;
        }
        try (JsonParser parser = codec.factory().createParser(payload)) {
            JsonToken token = parser.nextToken();
            if (token == null || token == JsonToken.VALUE_NULL) {
                return Reply.NONE;
            }
            if (token == JsonToken.VALUE_STRING) {
                return new Reply(parser.getText(), null);
            }
            if (token == JsonToken.VALUE_EMBEDDED_OBJECT) {
                return new Reply(null, parser.getBinaryValue());
            }
            JsonNode value = codec.mapper().readTree(parser);
            return new Reply(Codec.JSON.mapper().writeValueAsString(value), null);
        }
    }

    private interface Writer {
        void write(JsonGenerator generator) throws IOException;
    }

    private static byte[] write(Codec codec, int sizeHint, Writer writer) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(sizeHint)) {
            try (JsonGenerator generator = codec.factory().createGenerator(out)) {
                writer.write(generator);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a front door payload", e); // in-memory: not expected
        }
    }
}
