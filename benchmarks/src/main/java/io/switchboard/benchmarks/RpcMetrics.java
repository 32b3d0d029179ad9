package io.switchboard.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What the rpc workload's server measures: its defaults ({@link #DEFAULT}), or with {@code --metrics} metrics on and
 * the monitoring port scraped as Prometheus and the dashboard would ({@link #on}), against a run with
 * {@code metrics: false} and no monitoring port ({@link #OFF}), the baseline of the ratio.
 */
final class RpcMetrics {

    /** The server as configured by default: no metrics flag, no monitoring port. */
    static final RpcMetrics DEFAULT = new RpcMetrics(List.of(), 0, "server defaults");

    /** The baseline of {@code --metrics}: nothing measured, no monitoring port. */
    static final RpcMetrics OFF = new RpcMetrics(List.of("--metrics=false"), 0, "metrics off, no monitoring port");

    private final List<String> serverArgs;
    private static final int PICK_PER_RUN = -1;

    /** The monitoring port to scrape; 0 = none; {@link #PICK_PER_RUN} until {@link #forRun}. */
    private final int monitorPort;

    private final String description;

    /** How often the monitoring port is scraped. */
    private final Duration scrapeEvery;

    private RpcMetrics(List<String> serverArgs, int monitorPort, String description, Duration scrapeEvery) {
        this.serverArgs = serverArgs;
        this.monitorPort = monitorPort;
        this.description = description;
        this.scrapeEvery = scrapeEvery;
    }

    private RpcMetrics(List<String> serverArgs, int monitorPort, String description) {
        this(serverArgs, monitorPort, description, Duration.ZERO);
    }

    /**
     * Metrics on, and the monitoring port on a free loopback port, chosen afresh for each run ({@link #forRun}),
     * scraped every {@code scrapeEvery}.
     */
    static RpcMetrics on(Duration scrapeEvery) {
        return new RpcMetrics(
                List.of("--metrics=true"), PICK_PER_RUN, "metrics on, monitoring port scraped", scrapeEvery);
    }

    /**
     * This setup for one server: with a monitoring port, a free port of its own, so a run never waits for the port
     * of the run before it.
     */
    RpcMetrics forRun() throws IOException {
        if (monitorPort != PICK_PER_RUN) {
            return this;
        }
        int port = ExternalProcess.freePort();
        List<String> args = new java.util.ArrayList<>(serverArgs);
        args.add("--monitor-port=" + port);
        return new RpcMetrics(
                List.copyOf(args),
                port,
                "metrics on, monitoring port " + port + " scraped every " + scrapeEvery.toSeconds() + " s ("
                        + String.join(", ", MonitorScraper.PATHS) + ")",
                scrapeEvery);
    }

    List<String> serverArgs() {
        return serverArgs;
    }

    /** Scrapes the monitoring port until closed; a scraper that does nothing when there is no port. */
    MonitorScraper scraper() {
        return monitorPort <= 0 ? MonitorScraper.NONE : MonitorScraper.start(monitorPort, scrapeEvery);
    }

    String describe() {
        return description;
    }
}
