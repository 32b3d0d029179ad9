package io.switchboard.arquillian.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.arquillian.support.tx.ForcedRollback;
import io.switchboard.arquillian.support.tx.PlainText;
import io.switchboard.arquillian.support.tx.Submitter;
import io.switchboard.arquillian.support.tx.SubmitterBase;
import io.switchboard.arquillian.support.tx.TicketProbe;
import io.switchboard.arquillian.support.tx.TxServlet;
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
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code tx-app.war}'s {@link TxServlet} over HTTP, through one connector resource ({@code pool}, a name the suite's
 * bean knows): each request is one bean invocation, so one container-managed transaction, whose calls go to the
 * {@link RecordingPublisher}. A suite with endpoints of its own extends it.
 */
public class TxApp {

    public static final String CONTEXT = "tx-app";
    /** A safety net only: every request is answered long before this. */
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(90);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final int httpPort;
    private final String pool;

    public TxApp(int httpPort, String pool) {
        this.httpPort = httpPort;
        this.pool = pool;
    }

    /** What every suite's {@code tx-app.war} holds from this module, besides its own bean extending SubmitterBase. */
    public static Class<?>[] sharedClasses() {
        return new Class<?>[] {
            TxServlet.class,
            PlainText.class,
            Submitter.class,
            SubmitterBase.class,
            TicketProbe.class,
            ForcedRollback.class
        };
    }

    /** The bean submits the payloads in one transaction and commits; answers {@code committed}. */
    public String submitAndCommit(String... payloads) {
        return post("submit", Stream.concat(Stream.of("outcome=commit"), payloads(payloads)));
    }

    /**
     * As {@link #submitAndCommit}, then the servlet waits for the tickets' results: answers {@code committed:
     * r1,r2,...}. (GlassFish's suite checks the results in the commit's answer; WildFly's has ticket tests of its own.)
     */
    public String submitCommitAndAwaitResults(String... payloads) {
        return post("submit", Stream.concat(Stream.of("outcome=commit", "results=await"), payloads(payloads)));
    }

    /** The bean submits the payloads and then throws; answers {@code rolled-back: ...}. */
    public String submitAndRollBack(String... payloads) {
        return post("submit", Stream.concat(Stream.of("outcome=rollback"), payloads(payloads)));
    }

    /** One call with no transaction: the marker. */
    public void marker(String payload) {
        assertThat(post("marker", payloads(payload))).isEqualTo("sent");
    }

    /** One submit whose ticket was tried inside the transaction and used after it: the servlet's lines as a map. */
    public Map<String, String> ticket(String payload) {
        String answer = post("ticket", payloads(payload));
        return answer.lines()
                .map(line -> line.split(": ", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : ""));
    }

    protected static Stream<String> payloads(String... payloads) {
        return Stream.of(payloads).map(p -> "payload=" + enc(p));
    }

    protected static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** POST {@code /tx/<action>} with the pool, the recorder's session and {@code parameters}; the answer must be 200. */
    protected final String post(String action, Stream<String> parameters) {
        return send(HttpRequest.newBuilder(uri(action, parameters)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** GET {@code /tx/<action>}, as {@link #post}. */
    protected final String get(String action, Stream<String> parameters) {
        return send(HttpRequest.newBuilder(uri(action, parameters)).GET());
    }

    private URI uri(String action, Stream<String> parameters) {
        List<String> query = Stream.concat(
                        Stream.of(
                                "pool=" + enc(pool),
                                "alias=" + enc(RecordingPublisher.ALIAS),
                                "method=" + enc(RecordingPublisher.METHOD)),
                        parameters)
                .toList();
        return URI.create(
                "http://127.0.0.1:" + httpPort + "/" + CONTEXT + "/tx/" + action + "?" + String.join("&", query));
    }

    private static String send(HttpRequest.Builder builder) {
        HttpRequest request = builder.timeout(REQUEST_DEADLINE).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }
}
