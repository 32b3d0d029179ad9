package io.switchboard.server.held;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.CallMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A held call's caller name and headers as the store keeps them: a small JSON object
 * {@code {"caller": "...", "headers": {...}}}, headers in their order. Held calls are rare next to forwarded
 * ones, so readability beats compactness here.
 */
public final class StoredMeta {

    private StoredMeta() {}

    public static byte[] encode(CallMeta meta) {
        ObjectNode node = Codec.JSON.mapper().createObjectNode();
        node.put("caller", meta.caller());
        ObjectNode headers = node.putObject("headers");
        meta.headers().forEach(headers::put);
        try {
            return Codec.JSON.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not what {@link #encode} wrote */
    public static CallMeta decode(byte[] bytes) {
        try {
            JsonNode node = Codec.JSON.mapper().readTree(bytes);
            Map<String, String> headers = new LinkedHashMap<>();
            node.path("headers")
                    .properties()
                    .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
            String caller = node.path("caller").asText("");
            if (caller.isEmpty() && headers.isEmpty()) {
                return CallMeta.NONE;
            }
            return CallMeta.of(caller, headers);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable meta of a held call: " + e.getMessage(), e);
        }
    }
}
