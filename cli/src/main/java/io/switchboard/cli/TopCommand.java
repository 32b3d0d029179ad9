package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard top}: a view that refreshes every {@code --interval} seconds, like {@code nats top}: the
 * server's line with rates since the last refresh, the sessions, and the busiest connections.
 */
@Command(
        name = "top",
        mixinStandardHelpOptions = true,
        description = "A refreshing view of the server (like nats top): health, rates, sessions and the top "
                + "connections. Ctrl-C ends it.")
final class TopCommand extends MonitorCommand {

    /** Clears the screen and moves the cursor home. */
    static final String CLEAR = "\033[H\033[2J";

    @Option(
            names = "--interval",
            paramLabel = "SECONDS",
            defaultValue = "2",
            description = "Seconds between refreshes (at least 0.1). Default: ${DEFAULT-VALUE}.")
    double interval;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop after N refreshes (for scripts and tests); 0 runs until Ctrl-C.")
    int iterations;

    @Option(
            names = "--sort",
            paramLabel = "KEY",
            defaultValue = "calls_out",
            description = "How the connections are sorted (as for 'connections'). Default: ${DEFAULT-VALUE}.")
    String sort;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "10",
            description = "Connections shown (1 to 1000). Default: ${DEFAULT-VALUE}.")
    int limit;

    /** The totals of the previous refresh, for the rates. */
    private JsonNode previous;

    private long previousNanos;

    @Override
    public Integer call() throws InterruptedException {
        if (!(interval >= 0.1) || interval > 3600) {
            throw new CliException(ExitCode.USAGE, "--interval must be from 0.1 to 3600 seconds");
        }
        if (iterations < 0) {
            throw new CliException(ExitCode.USAGE, "--iterations must not be negative");
        }
        if (limit < 1 || limit > 1000) {
            throw new CliException(ExitCode.USAGE, "--limit must be from 1 to 1000");
        }
        String key = ConnectionsCommand.sortKey(sort);
        MonitorClient monitor = monitor();
        for (int i = 1; iterations == 0 || i <= iterations; i++) {
            if (i > 1) {
                TimeUnit.NANOSECONDS.sleep((long) (interval * 1e9));
            }
            refresh(monitor, key);
        }
        return ExitCode.OK;
    }

    private void refresh(MonitorClient monitor, String key) {
        MonitorClient.Response health = monitor.get("/healthz", Set.of(503));
        JsonNode varz = monitor.get("/varz");
        JsonNode sessionz = monitor.get("/sessionz");
        JsonNode connz = monitor.get("/connz?sort=" + key + "&limit=" + limit);
        long now = System.nanoTime();
        JsonNode totals = varz.path("totals");
        PrintWriter out = out();
        out.print(CLEAR);
        out.println("switchboard top - " + Units.text(varz.get("name")) + " at " + monitor.url() + " - "
                + StatusCommand.healthText(health) + " - up " + Units.age(varz.get("uptime_seconds")));
        out.println("connections " + Units.count(totals.get("connections")) + "  sessions "
                + Units.count(totals.get("sessions")) + "  in flight " + Units.count(totals.get("calls_in_flight"))
                + "  held " + Units.count(totals.get("held_calls")) + "  lines "
                + Units.count(totals.get("frontdoor_lines")));
        out.println("calls " + rate(totals, "calls", now) + "  in " + bytesRate(totals, "bytes_in", now) + "  out "
                + bytesRate(totals, "bytes_out", now) + "  p50 "
                + Units.latency(varz.path("latency_seconds").get("p50"), totals.get("calls")) + "  p99 "
                + Units.latency(varz.path("latency_seconds").get("p99"), totals.get("calls")));
        out.println();
        Table sessions = SessionsCommand.table(sessionz.path("sessions"));
        if (sessions.isEmpty()) {
            out.println("no sessions are published");
        } else {
            sessions.print(out);
        }
        out.println();
        ConnectionsCommand.print(connz, key, out);
        out.flush();
        previous = totals;
        previousNanos = now;
    }

    /** Per second since the last refresh; "-" on the first. */
    private String rate(JsonNode totals, String field, long now) {
        double perSecond = perSecond(totals, field, now);
        return Double.isNaN(perSecond) ? "-" : Units.rate(perSecond);
    }

    private String bytesRate(JsonNode totals, String field, long now) {
        double perSecond = perSecond(totals, field, now);
        return Double.isNaN(perSecond) ? "-" : Units.bytes(perSecond) + "/s";
    }

    private double perSecond(JsonNode totals, String field, long now) {
        if (previous == null
                || !totals.path(field).isNumber()
                || !previous.path(field).isNumber()) {
            return Double.NaN;
        }
        double seconds = (now - previousNanos) / 1e9;
        double delta = totals.path(field).asDouble() - previous.path(field).asDouble();
        return seconds <= 0 ? Double.NaN : Math.max(0, delta) / seconds;
    }
}
