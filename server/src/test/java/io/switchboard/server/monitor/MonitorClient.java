package io.switchboard.server.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** The JDK's HTTP client against a monitoring port, with generous deadlines (the build machine is loaded). */
final class MonitorClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** One answer: status, headers, body (and the body as JSON). */
    record Reply(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String contentType() {
            return headers.firstValue("content-type").orElse("");
        }
    }

    private final HttpClient http;
    private final String base;

    private MonitorClient(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    static MonitorClient plain(int port) {
        return new MonitorClient(HttpClient.newBuilder().connectTimeout(WAIT).build(), "http://127.0.0.1:" + port);
    }

    static MonitorClient tls(int port, SSLContext context) {
        return new MonitorClient(
                HttpClient.newBuilder().connectTimeout(WAIT).sslContext(context).build(), "https://localhost:" + port);
    }

    Reply get(String path, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers).GET().build());
    }

    Reply post(String path, String... headers) throws IOException, InterruptedException {
        return send(
                request(path, headers).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    Reply send(String method, String path, String... headers) throws IOException, InterruptedException {
        return send(request(path, headers)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers(), response.body());
    }
}
