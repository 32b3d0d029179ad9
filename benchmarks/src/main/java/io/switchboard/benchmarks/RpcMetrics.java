package io.switchboard.benchmarks;

import io.switchboard.server.config.ConfigOption;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * What the rpc workload's server measures: its defaults ({@link #DEFAULT}), or with {@code --metrics} metrics on and
 * the monitoring port scraped every second as Prometheus and the dashboard would ({@link #on}), against a run with
 * {@code metrics: false} and no monitoring port ({@link #OFF}), the baseline of the ratio.
 */
final class RpcMetrics {

    /** The server as configured by default: no metrics flag, no monitoring port. */
    static final RpcMetrics DEFAULT = new RpcMetrics(List.of(), 0, "server defaults");

    /** The baseline of {@code --metrics}: nothing measured, no monitoring port. */
    static final RpcMetrics OFF = new RpcMetrics(List.of("--metrics=false"), 0, "metrics off, no monitoring port");

    private final List<String> serverArgs;
    /** The monitoring port to scrape; 0 = none. */
    private final int monitorPort;

    private final String description;

    private RpcMetrics(List<String> serverArgs, int monitorPort, String description) {
        this.serverArgs = serverArgs;
        this.monitorPort = monitorPort;
        this.description = description;
    }

    /**
     * Metrics on, and the monitoring port on a free loopback port when this server has the {@code monitor-port}
     * option (without it, only the recording is measured, and the header says so).
     */
    static RpcMetrics on() throws IOException {
        if (!serverHasMonitorPort()) {
            return new RpcMetrics(
                    List.of("--metrics=true"),
                    0,
                    "metrics on; this server has no monitor-port option, so nothing is scraped");
        }
        int port = ExternalProcess.freePort();
        return new RpcMetrics(
                List.of("--metrics=true", "--monitor-port=" + port),
                port,
                "metrics on, monitoring port " + port + " scraped every second (/metrics, /sessionz, /varz)");
    }

    static boolean serverHasMonitorPort() {
        return Arrays.stream(ConfigOption.values())
                .anyMatch(option -> option.key().equals("monitor-port"));
    }

    List<String> serverArgs() {
        return serverArgs;
    }

    /** Scrapes the monitoring port until closed; a scraper that does nothing when there is no port. */
    MonitorScraper scraper() {
        return monitorPort == 0 ? MonitorScraper.NONE : MonitorScraper.start(monitorPort);
    }

    String describe() {
        return description;
    }
}
