package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard sessions}: the published aliases from /sessionz. */
@Command(
        name = "sessions",
        mixinStandardHelpOptions = true,
        description = "Lists the published sessions (/sessionz): publishers, policy, calls in flight and cap, calls "
                + "by result code, latency.")
final class SessionsCommand extends MonitorCommand {

    @Option(names = "--json", description = "Print the /sessionz answer as the server sent it.")
    boolean json;

    @Override
    public Integer call() {
        JsonNode sessionz = monitor().get("/sessionz");
        if (json) {
            printJson(sessionz);
            return ExitCode.OK;
        }
        Table table = table(sessionz.path("sessions"));
        if (table.isEmpty()) {
            out().println("no sessions are published");
        } else {
            table.print(out());
        }
        return ExitCode.OK;
    }

    static Table table(JsonNode sessions) {
        Table table =
                new Table("ALIAS", "POLICY", "PUBLISHERS", "IN FLIGHT", "CAP", "CALLS", "P50", "P99", "MAX", "BY CODE");
        for (JsonNode session : sessions) {
            JsonNode latency = session.path("latency_seconds");
            JsonNode calls = session.path("calls").get("total");
            table.row(
                    Units.text(session.get("alias")),
                    Units.text(session.get("policy")),
                    session.path("publishers").size(),
                    Units.count(session.get("in_flight")),
                    Units.count(session.get("max_inflight_per_publisher")),
                    Units.count(session.path("calls").get("total")),
                    Units.latency(latency.get("p50"), calls),
                    Units.latency(latency.get("p99"), calls),
                    Units.latency(latency.get("max"), calls),
                    Units.byCode(session.path("calls").get("by_code")));
        }
        return table;
    }
}
