package io.switchboard.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code tx-app.war}'s servlet ({@code io.switchboard.glassfish.tx.TxServlet}) over HTTP: each request is one bean
 * invocation, so one container-managed transaction, through the connector resource {@code pool} names ({@code xa}:
 * {@value GlassFishDomain#XA_JNDI_NAME}, {@code local}: {@value GlassFishDomain#LOCAL_JNDI_NAME}), calling the
 * {@link RecordingPublisher}.
 */
final class TxApp {

    static final String CONTEXT = "tx-app";
    /** A safety net only: every request is answered long before this. */
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(90);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String pool;

    private TxApp(String pool) {
        this.pool = pool;
    }

    static TxApp xa() {
        return new TxApp("xa");
    }

    static TxApp local() {
        return new TxApp("local");
    }

    /**
     * The bean submits the payloads in one transaction and commits; the servlet waits for the tickets' results.
     * Answers {@code committed: r1,r2,...}.
     */
    String submitAndCommit(String... payloads) {
        return post("submit", Stream.concat(Stream.of("outcome=commit"), payloads(payloads)));
    }

    /** The bean submits the payloads and then throws; answers {@code rolled-back: ...}. */
    String submitAndRollBack(String... payloads) {
        return post("submit", Stream.concat(Stream.of("outcome=rollback"), payloads(payloads)));
    }

    /** One call with no transaction: the marker. */
    void marker(String payload) {
        assertThat(post("marker", payloads(payload))).isEqualTo("sent");
    }

    private static Stream<String> payloads(String... payloads) {
        return Stream.of(payloads).map(p -> "payload=" + enc(p));
    }

    private String post(String action, Stream<String> parameters) {
        List<String> query = Stream.concat(
                        Stream.of(
                                "pool=" + pool,
                                "alias=" + enc(RecordingPublisher.ALIAS),
                                "method=" + enc(RecordingPublisher.METHOD)),
                        parameters)
                .toList();
        URI uri = URI.create("http://127.0.0.1:" + Integer.getInteger("glassfish.http.port") + "/" + CONTEXT + "/tx/"
                + action + "?" + String.join("&", query));
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(REQUEST_DEADLINE)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST " + uri, e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
