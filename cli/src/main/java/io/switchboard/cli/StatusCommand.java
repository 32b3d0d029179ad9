package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard status}: health and a summary of /varz; exit 1 when the server is not healthy. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Prints the server's health and a summary (/healthz and /varz of the monitoring port). "
                + "Exit 0 when healthy, 1 when the server answers but is not (starting, draining, shutting down, "
                + "store failing).")
final class StatusCommand extends MonitorCommand {

    @Option(names = "--json", description = "Print {\"healthz\": ..., \"varz\": ...} as the server sent them.")
    boolean json;

    @Override
    public Integer call() {
        MonitorClient monitor = monitor();
        MonitorClient.Response health = monitor.get("/healthz", Set.of(503));
        // While starting, /varz answers 503 too: the health line is then all there is to show.
        MonitorClient.Response varz = monitor.get("/varz", Set.of(503));
        if (json) {
            ObjectNode both = JsonNodeFactory.instance.objectNode();
            both.set("healthz", health.body());
            both.set("varz", varz.body());
            printJson(both);
        } else if (varz.status() == 200) {
            print(health, varz.body());
        } else {
            new Table("", "").row("health", healthText(health)).print(out());
        }
        return health.status() == 200 && varz.status() == 200 ? ExitCode.OK : ExitCode.FAILED;
    }

    private void print(MonitorClient.Response health, JsonNode varz) {
        JsonNode totals = varz.path("totals");
        JsonNode latency = varz.path("latency_seconds");
        JsonNode memory = varz.path("memory");
        JsonNode cpu = varz.path("cpu");
        JsonNode calls = totals.get("calls");
        Table table = new Table("", "");
        table.row("server", Units.text(varz.get("name")) + " (" + Units.text(varz.get("server_id")) + ")")
                .row("health", healthText(health))
                .row("version", Units.text(varz.get("version")))
                .row("uptime", Units.age(varz.get("uptime_seconds")) + " (since " + Units.text(varz.get("start")) + ")")
                .row("connections", Units.count(totals.get("connections")))
                .row("sessions", Units.count(totals.get("sessions")))
                .row("calls", calls(totals))
                .row(
                        "latency",
                        "p50 " + Units.latency(latency.get("p50"), calls) + ", p99 "
                                + Units.latency(latency.get("p99"), calls) + ", max "
                                + Units.latency(latency.get("max"), calls))
                .row("held calls", Units.count(totals.get("held_calls")))
                .row("front-door lines", Units.count(totals.get("frontdoor_lines")))
                .row(
                        "refused",
                        "busy " + Units.count(totals.get("busy")) + ", timeouts " + Units.count(totals.get("timeouts"))
                                + ", overloaded " + Units.count(totals.get("overloaded")) + ", connections "
                                + Units.count(totals.get("connections_refused")) + ", auth failures "
                                + Units.count(totals.get("auth_failures")) + ", slow consumers "
                                + Units.count(totals.get("slow_consumers")))
                .row(
                        "traffic",
                        "in " + Units.bytes(totals.get("bytes_in")) + ", out " + Units.bytes(totals.get("bytes_out")))
                .row(
                        "memory",
                        "heap " + Units.bytes(memory.get("heap_used_bytes")) + " of "
                                + Units.bytes(memory.get("heap_max_bytes")) + ", direct "
                                + Units.bytes(memory.get("direct_used_bytes")) + " of "
                                + Units.bytes(memory.get("direct_max_bytes")))
                .row("cpu", Units.count(cpu.get("cores")) + " cores, process load " + percent(cpu.get("process_load")));
        table.print(out());
    }

    private static String calls(JsonNode totals) {
        String byCode = Units.byCode(totals.get("calls_by_code"));
        return Units.count(totals.get("calls")) + (byCode.equals("-") ? "" : " (" + byCode + ")") + ", "
                + Units.count(totals.get("calls_in_flight")) + " in flight";
    }

    static String healthText(MonitorClient.Response health) {
        JsonNode body = health.body();
        String status = Units.text(body.get("status"));
        return body.hasNonNull("reason") ? status + " (" + body.get("reason").asText() + ")" : status;
    }

    private static String percent(JsonNode load) {
        if (load == null || !load.isNumber() || load.asDouble() < 0) {
            return "-";
        }
        return Math.round(load.asDouble() * 100) + "%";
    }
}
