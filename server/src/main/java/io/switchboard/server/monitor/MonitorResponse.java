package io.switchboard.server.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What an endpoint answers: a status, a content type, the body and any extra headers. */
public record MonitorResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";

    public static MonitorResponse json(HttpResponseStatus status, JsonNode body) {
        return new MonitorResponse(status, JSON, Json.bytes(body), Map.of());
    }

    public static MonitorResponse ok(JsonNode body) {
        return json(HttpResponseStatus.OK, body);
    }

    public static MonitorResponse text(String contentType, String body) {
        return new MonitorResponse(HttpResponseStatus.OK, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The contract's error body: {@code {"error": code, "message": message}}. */
    public static MonitorResponse error(HttpResponseStatus status, String code, String message) {
        return json(status, Json.object().put("error", code).put("message", message));
    }

    MonitorResponse withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new MonitorResponse(status, contentType, body, Map.copyOf(more));
    }
}
