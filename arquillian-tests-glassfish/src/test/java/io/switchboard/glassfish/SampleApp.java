package io.switchboard.glassfish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The sample application's REST endpoint in GlassFish, called over HTTP the way a person with curl would. */
final class SampleApp {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A safety net only: every request must be answered long before this. */
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(90);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    record Reply(int status, JsonNode body) {

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static String base() {
        return "http://127.0.0.1:" + Integer.getInteger("glassfish.http.port") + "/switchboard-sample/api/";
    }

    /** {@code GET call/{alias}/{method}?payload=...} through the {@code @Resource}-injected EJB. */
    static Reply call(String alias, String method, String payload) {
        return get("call/" + alias + "/" + method + "?payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));
    }

    static Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(REQUEST_DEADLINE)
                .GET()
                .build());
    }

    /** {@code POST path} with a JSON body. */
    static Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(REQUEST_DEADLINE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private SampleApp() {}
}
