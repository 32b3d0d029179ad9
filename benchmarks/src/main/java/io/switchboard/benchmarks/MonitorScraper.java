package io.switchboard.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the monitoring port while a workload runs, as a Prometheus server ({@code /metrics}) and an open dashboard
 * ({@code /sessionz}, {@code /varz}) would, so their cost is in the measurement: first after 1 s, then at the
 * chosen interval ({@code --scrape-seconds}).
 */
class MonitorScraper implements AutoCloseable {

    /** What each scrape reads; {@code -Dbench.scrape=/metrics,/varz} (the benchmark JVM) to measure one at a time. */
    static final List<String> PATHS = List.of(
            System.getProperty("bench.scrape", "/metrics,/sessionz,/varz").split(","));

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Scrapes nothing. */
    static final MonitorScraper NONE = new MonitorScraper();

    private final ScheduledExecutorService timer;
    private final HttpClient http;
    private final AtomicLong scrapes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure = "";

    private MonitorScraper() {
        this.timer = null;
        this.http = null;
    }

    private MonitorScraper(int port, Duration every) {
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "monitor-scraper");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> scrapeAll(port), 1000, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    static MonitorScraper start(int port, Duration every) {
        return new MonitorScraper(port, every);
    }

    private void scrapeAll(int port) {
        for (String path : PATHS) {
            try {
                HttpResponse<byte[]> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://" + ExternalProcess.LOOPBACK + ":" + port + path))
                                .timeout(TIMEOUT)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    scrapes.incrementAndGet();
                } else {
                    failures.incrementAndGet();
                    lastFailure = path + ": HTTP " + response.statusCode();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
                lastFailure = path + ": " + e;
            }
        }
    }

    /** For the run's output: how many reads succeeded and failed. */
    String describe() {
        if (timer == null) {
            return "not scraped";
        }
        return scrapes.get() + " reads of " + PATHS + ", " + failures.get() + " failed"
                + (failures.get() == 0 ? "" : " (last: " + lastFailure + ")");
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
