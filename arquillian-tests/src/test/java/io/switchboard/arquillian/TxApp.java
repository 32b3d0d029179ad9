package io.switchboard.arquillian;

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
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code tx-app.war}'s servlet ({@code io.switchboard.arquillian.tx.TxServlet}) over HTTP: each method is one bean
 * invocation, so one container-managed transaction, whose calls go to the {@link RecordingPublisher}.
 */
final class TxApp {

    static final String CONTEXT = "tx-app";
    /** A safety net only: every request is answered long before this. */
    private static final Duration REQUEST_DEADLINE = Duration.ofSeconds(90);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private TxApp() {}

    /** The bean submits the payloads in one transaction and commits; answers {@code committed}. */
    static String submitAndCommit(String... payloads) {
        return post("submit", Stream.concat(Stream.of("outcome=commit"), payloads(payloads)));
    }

    /** The bean submits the payloads and then throws; answers {@code rolled-back: ...}. */
    static String submitAndRollBack(String... payloads) {
        return post("submit", Stream.concat(Stream.of("outcome=rollback"), payloads(payloads)));
    }

    /** One call with no transaction: the marker. */
    static void marker(String payload) {
        assertThat(post("marker", payloads(payload))).isEqualTo("sent");
    }

    /** The order's row and a call with its id in one transaction, committed or rolled back. */
    static String placeOrder(String id, boolean commit) {
        return post("order", Stream.of("id=" + enc(id), "outcome=" + (commit ? "commit" : "rollback")));
    }

    static boolean orderExists(String id) {
        String answer = send(
                HttpRequest.newBuilder(uri("order", Stream.of("id=" + enc(id)))).GET());
        assertThat(answer).isIn("present", "absent");
        return answer.equals("present");
    }

    /** One submit whose ticket was tried inside the transaction and used after it: the servlet's lines as a map. */
    static Map<String, String> ticket(String payload) {
        String answer = post("ticket", payloads(payload));
        return answer.lines()
                .map(line -> line.split(": ", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : ""));
    }

    private static Stream<String> payloads(String... payloads) {
        return Stream.of(payloads).map(p -> "payload=" + enc(p));
    }

    private static String post(String action, Stream<String> parameters) {
        return send(HttpRequest.newBuilder(uri(action, parameters)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static URI uri(String action, Stream<String> parameters) {
        List<String> query = Stream.concat(
                        Stream.of("alias=" + enc(RecordingPublisher.ALIAS), "method=" + enc(RecordingPublisher.METHOD)),
                        parameters)
                .toList();
        return URI.create("http://127.0.0.1:" + Management.httpPort() + "/" + CONTEXT + "/tx/" + action + "?"
                + String.join("&", query));
    }

    private static String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(REQUEST_DEADLINE).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
