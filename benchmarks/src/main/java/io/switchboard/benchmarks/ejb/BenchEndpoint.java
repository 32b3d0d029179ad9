package io.switchboard.benchmarks.ejb;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The benchmark war's REST resource, seen from the harness: one HTTP request per run. */
final class BenchEndpoint {

    /** The war bounds each run at 120 s plus 30 s for a stuck call; the request may take a little longer. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(180);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    BenchEndpoint(String host, int port) {
        this.base = URI.create("http://" + host + ":" + port + "/" + BenchWar.CONTEXT + "/api/bench/");
    }

    /**
     * One call per mode with the echo checked. Right after deployment the context may not be routed yet, so a
     * 404 is retried until {@code deadline}.
     */
    void check(Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            HttpResponse<String> response = post("check");
            if (response.statusCode() == 200) {
                return;
            }
            if (response.statusCode() != 404 || System.nanoTime() - end > 0) {
                throw failure("check", response);
            }
            Thread.sleep(200);
        }
    }

    long[] latency(String mode, int calls) throws IOException, InterruptedException {
        return Replies.samples(ok("latency?mode=" + mode + "&calls=" + calls));
    }

    Replies.Count throughput(String mode, int threads, Duration length) throws IOException, InterruptedException {
        return Replies.count(ok("throughput?mode=" + mode + "&threads=" + threads + "&millis=" + length.toMillis()));
    }

    Replies.Count pipelined(String mode, int inFlight, Duration length) throws IOException, InterruptedException {
        return Replies.count(ok("pipelined?mode=" + mode + "&inFlight=" + inFlight + "&millis=" + length.toMillis()));
    }

    private String ok(String run) throws IOException, InterruptedException {
        HttpResponse<String> response = post(run);
        if (response.statusCode() != 200) {
            throw failure(run, response);
        }
        return response.body();
    }

    private HttpResponse<String> post(String run) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(run))
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static IOException failure(String run, HttpResponse<String> response) {
        return new IOException("POST " + run + " answered " + response.statusCode() + ":\n" + response.body());
    }
}
