package io.switchboard.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Pushes to front-door lines through the server's {@code $lines} session: any client may, whether or not it
 * handles the front door. Get it with {@link SwitchboardClient#lines()}.
 *
 * <p>Sends to a line made from one client reach the user in the order they were made. Each method has a
 * blocking form (waits up to the client's call timeout) and an {@code *Async} form whose future fails the way
 * the blocking form throws: {@link LineNotFoundException} when the line is not open, otherwise as
 * {@link SwitchboardClient#call} does.
 */
public final class Lines {

    /** The server's built-in session. */
    public static final String ALIAS = "$lines";

    private final SwitchboardClient client;

    Lines(SwitchboardClient client) {
        this.client = client;
    }

    /** Sends {@code text} to the line as text. */
    public void send(String lineId, String text) {
        client.call(ALIAS, "send", sendDocument(lineId, "text", text), Void.class);
    }

    /** Sends {@code bytes} to the line as binary. */
    public void send(String lineId, byte[] bytes) {
        client.call(ALIAS, "send", sendDocument(lineId, "binary", bytes), Void.class);
    }

    public CompletableFuture<Void> sendAsync(String lineId, String text) {
        return client.callAsync(ALIAS, "send", sendDocument(lineId, "text", text), Void.class);
    }

    public CompletableFuture<Void> sendAsync(String lineId, byte[] bytes) {
        return client.callAsync(ALIAS, "send", sendDocument(lineId, "binary", bytes), Void.class);
    }

    /**
     * Closes the line: the user is told {@code reason} (may be null) and the handler gets
     * {@code onDisconnect} with {@code closed by application: <reason>}.
     */
    public void close(String lineId, String reason) {
        client.call(ALIAS, "close", closeDocument(lineId, reason), Void.class);
    }

    public CompletableFuture<Void> closeAsync(String lineId, String reason) {
        return client.callAsync(ALIAS, "close", closeDocument(lineId, reason), Void.class);
    }

    /**
     * Changes attributes of the line: the server keeps them with the line and returns them with every later event
     * ({@link Line#attributes()}) and in every {@link WelcomeBack}, so they outlive this application. A value
     * sets that attribute, a null value removes it, attributes not named stay. Bounds (docs/front-door.md): at
     * most 16 per line, names up to 64 UTF-8 bytes, names and values up to 4096 UTF-8 bytes per line; a change
     * over one is refused whole with a {@link CallException} {@code bad-request} naming it.
     *
     * @param attributes names to values, or to null; a map that allows null values, e.g. a {@code HashMap}
     */
    public void setAttributes(String lineId, Map<String, String> attributes) {
        client.call(ALIAS, "set-attributes", attributesDocument(lineId, attributes), Void.class);
    }

    public CompletableFuture<Void> setAttributesAsync(String lineId, Map<String, String> attributes) {
        return client.callAsync(ALIAS, "set-attributes", attributesDocument(lineId, attributes), Void.class);
    }

    /** Sends {@code text} to each of these lines; those not open are listed in the result, not an error. */
    public BroadcastResult broadcast(Collection<String> lineIds, String text) {
        return toResult(client.call(ALIAS, "broadcast", listDocument(lineIds, "text", text), JsonNode.class));
    }

    public BroadcastResult broadcast(Collection<String> lineIds, byte[] bytes) {
        return toResult(client.call(ALIAS, "broadcast", listDocument(lineIds, "binary", bytes), JsonNode.class));
    }

    public CompletableFuture<BroadcastResult> broadcastAsync(Collection<String> lineIds, String text) {
        return client.callAsync(ALIAS, "broadcast", listDocument(lineIds, "text", text), JsonNode.class)
                .thenApply(Lines::toResult);
    }

    public CompletableFuture<BroadcastResult> broadcastAsync(Collection<String> lineIds, byte[] bytes) {
        return client.callAsync(ALIAS, "broadcast", listDocument(lineIds, "binary", bytes), JsonNode.class)
                .thenApply(Lines::toResult);
    }

    /** Sends {@code text} to every open line of the front door {@code frontDoor}. */
    public BroadcastResult broadcastAll(String frontDoor, String text) {
        return toResult(client.call(ALIAS, "broadcast", frontDoorDocument(frontDoor, "text", text), JsonNode.class));
    }

    public BroadcastResult broadcastAll(String frontDoor, byte[] bytes) {
        return toResult(client.call(ALIAS, "broadcast", frontDoorDocument(frontDoor, "binary", bytes), JsonNode.class));
    }

    public CompletableFuture<BroadcastResult> broadcastAllAsync(String frontDoor, String text) {
        return client.callAsync(ALIAS, "broadcast", frontDoorDocument(frontDoor, "text", text), JsonNode.class)
                .thenApply(Lines::toResult);
    }

    public CompletableFuture<BroadcastResult> broadcastAllAsync(String frontDoor, byte[] bytes) {
        return client.callAsync(ALIAS, "broadcast", frontDoorDocument(frontDoor, "binary", bytes), JsonNode.class)
                .thenApply(Lines::toResult);
    }

    // Documents as maps: the connection's codec writes a byte[] as a CBOR/Smile byte string or a JSON base64
    // string, exactly what $lines expects in each codec.

    private static Map<String, Object> sendDocument(String lineId, String kind, Object data) {
        Map<String, Object> doc = new LinkedHashMap<>(4);
        doc.put("line", Objects.requireNonNull(lineId, "lineId"));
        doc.put(kind, Objects.requireNonNull(data, kind));
        return doc;
    }

    private static Map<String, Object> closeDocument(String lineId, String reason) {
        Map<String, Object> doc = new LinkedHashMap<>(4);
        doc.put("line", Objects.requireNonNull(lineId, "lineId"));
        if (reason != null) {
            doc.put("reason", reason);
        }
        return doc;
    }

    /** A tree, not a map: the codecs' mappers leave out null map values, and a null is what removes one. */
    private static ObjectNode attributesDocument(String lineId, Map<String, String> attributes) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("line", Objects.requireNonNull(lineId, "lineId"));
        ObjectNode changes = doc.putObject("attributes");
        Objects.requireNonNull(attributes, "attributes").forEach((name, value) -> {
            if (value == null) {
                changes.putNull(Objects.requireNonNull(name, "attribute name"));
            } else {
                changes.put(Objects.requireNonNull(name, "attribute name"), value);
            }
        });
        return doc;
    }

    private static Map<String, Object> listDocument(Collection<String> lineIds, String kind, Object data) {
        List<String> ids = List.copyOf(Objects.requireNonNull(lineIds, "lineIds")); // also refuses null ids
        Map<String, Object> doc = new LinkedHashMap<>(4);
        doc.put("lines", ids);
        doc.put(kind, Objects.requireNonNull(data, kind));
        return doc;
    }

    private static Map<String, Object> frontDoorDocument(String frontDoor, String kind, Object data) {
        Map<String, Object> doc = new LinkedHashMap<>(4);
        doc.put("front_door", Objects.requireNonNull(frontDoor, "frontDoor"));
        doc.put(kind, Objects.requireNonNull(data, kind));
        return doc;
    }

    static BroadcastResult toResult(JsonNode answer) {
        if (answer == null
                || !answer.path("sent").isIntegralNumber()
                || !answer.path("missing").isArray()) {
            throw new SwitchboardException("the server's answer to broadcast is not {sent, missing}: " + answer);
        }
        List<String> missing = new ArrayList<>(answer.get("missing").size());
        answer.get("missing").forEach(id -> missing.add(id.asText()));
        return new BroadcastResult(answer.get("sent").intValue(), missing);
    }
}
