package io.switchboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * The monitoring port over HTTP (java.net.http): GETs of the JSON endpoints and the admin POSTs, each with the
 * deadline of {@code --timeout}. Every failure becomes a {@link CliException} with the exit code of its class.
 */
final class MonitorClient {

    /** The largest answer read; /connz at its 1000-connection page limit is far below it. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: its HTTP status and JSON body. */
    record Response(int status, JsonNode body) {}

    private final URI base;
    private final Duration timeout;
    private final Credentials credentials;
    private final HttpClient http;

    MonitorClient(String url, Duration timeout, Credentials credentials, java.nio.file.Path ca) {
        this.base = parse(url);
        this.timeout = timeout;
        this.credentials = credentials;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equals(base.getScheme())) {
            builder.sslContext(TrustedCas.sslContext(ca));
        }
        this.http = builder.build();
    }

    static URI parse(String url) {
        try {
            URI uri = new URI(url.strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || uri.getRawUserInfo() != null) {
                throw new URISyntaxException(url, "expected http://host:port or https://host:port");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            // A base path (behind a proxy) is kept; the endpoints go below it.
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), path.replaceAll("/+$", ""), null, null);
        } catch (URISyntaxException e) {
            throw new CliException(
                    ExitCode.USAGE,
                    "--monitor " + url + " is not a monitoring URL: expected http://host:port or https://host:port");
        }
    }

    String url() {
        return base.toString();
    }

    /** GET of a JSON endpoint that must answer 2xx. */
    JsonNode get(String pathAndQuery) {
        return send("GET", pathAndQuery, Set.of()).body();
    }

    /** GET that also accepts the given non-2xx statuses (e.g. 503 of /healthz) as answers. */
    Response get(String pathAndQuery, Set<Integer> alsoAccepted) {
        return send("GET", pathAndQuery, alsoAccepted);
    }

    /** An admin POST that must answer 2xx. */
    JsonNode post(String pathAndQuery) {
        return send("POST", pathAndQuery, Set.of()).body();
    }

    private Response send(String method, String pathAndQuery, Set<Integer> alsoAccepted) {
        URI uri = URI.create(base + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        credentials.authorizationHeader().ifPresent(value -> request.header("Authorization", value));
        HttpResponse<InputStream> response;
        byte[] bytes;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            }
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + seconds(timeout));
        } catch (HttpTimeoutException e) {
            throw new CliException(
                    ExitCode.TIMEOUT, "no answer from the monitoring port at " + base + " within " + seconds(timeout));
        } catch (ConnectException e) {
            throw unreachable(e.getMessage() == null ? "connection refused" : e.getMessage());
        } catch (SSLException e) {
            throw unreachable("TLS handshake failed: " + e.getMessage());
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILED, "interrupted while waiting for " + uri);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new CliException(
                    ExitCode.FAILED, "the answer of " + uri + " is larger than " + MAX_BODY_BYTES + " bytes");
        }
        int status = response.statusCode();
        JsonNode body = parseBody(uri, bytes, status);
        if ((status >= 200 && status < 300) || alsoAccepted.contains(status)) {
            if (body == null) {
                throw new CliException(
                        ExitCode.FAILED, "unexpected answer from " + uri + ": HTTP " + status + " without a JSON body");
            }
            return new Response(status, body);
        }
        throw refusal(uri, status, body, bytes);
    }

    private CliException unreachable(String why) {
        return new CliException(ExitCode.UNREACHABLE, "cannot reach the monitoring port at " + base + ": " + why);
    }

    /** The JSON body, or null when it is not JSON (then the status decides what to report). */
    private static JsonNode parseBody(URI uri, byte[] bytes, int status) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "cannot read the answer of " + uri + " (HTTP " + status + ")");
        }
    }

    private CliException refusal(URI uri, int status, JsonNode body, byte[] bytes) {
        String message = body != null && body.hasNonNull("message")
                ? body.get("message").asText()
                : abbreviate(new String(bytes, StandardCharsets.UTF_8).strip());
        return switch (status) {
            case 401 ->
                new CliException(
                        ExitCode.UNAUTHORIZED,
                        "unauthorized: the monitoring port at " + base + " refused "
                                + (credentials.isNone()
                                        ? "a request without credentials (give --user NAME with "
                                                + CommonOptions.PASSWORD_ENV + ", or --token-file FILE)"
                                        : credentials + suffix(message)));
            case 403 ->
                new CliException(
                        ExitCode.FORBIDDEN,
                        "forbidden: " + credentials
                                + " may not do this (reading needs the monitor or admin permission, "
                                + "drain, shutdown, kick and reload-tls need admin)" + suffix(message));
            case 404 -> new CliException(ExitCode.NOT_FOUND, "not found: " + uri.getPath() + suffix(message));
            case 400 -> new CliException(ExitCode.USAGE, "the server refused the request" + suffix(message));
            default ->
                new CliException(
                        ExitCode.FAILED, "unexpected answer from " + uri + ": HTTP " + status + suffix(message));
        };
    }

    private static String suffix(String message) {
        return message == null || message.isEmpty() ? "" : ": " + message;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    static String seconds(Duration d) {
        double s = d.toNanos() / 1e9;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }
}
