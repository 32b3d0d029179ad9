package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code switchboard drain}: POST /admin/drain. */
@Command(
        name = "drain",
        mixinStandardHelpOptions = true,
        description = "Puts the server in lame-duck mode (POST /admin/drain; needs admin): it takes no new publishers "
                + "or calls, finishes the calls in flight, and /healthz answers 503 \"draining\".")
final class DrainCommand extends MonitorCommand {

    @Override
    public Integer call() {
        MonitorClient monitor = monitor();
        JsonNode answer = monitor.post("/admin/drain");
        out().println("draining: " + monitor.url() + " takes no new publishers or calls; calls in flight finish ("
                + Units.text(answer.get("status")) + ")");
        return ExitCode.OK;
    }
}
