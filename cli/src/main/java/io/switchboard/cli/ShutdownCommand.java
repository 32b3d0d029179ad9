package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code switchboard shutdown}: POST /admin/shutdown. */
@Command(
        name = "shutdown",
        mixinStandardHelpOptions = true,
        description = "Shuts the server down gracefully (POST /admin/shutdown; needs admin): clients are told, calls "
                + "in flight get the shutdown grace period, then the process exits.")
final class ShutdownCommand extends MonitorCommand {

    @Override
    public Integer call() {
        MonitorClient monitor = monitor();
        JsonNode answer = monitor.post("/admin/shutdown");
        out().println("shutting down: " + monitor.url() + " (" + Units.text(answer.get("status")) + ")");
        return ExitCode.OK;
    }
}
