package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code switchboard reload-tls}: POST /admin/reload-tls. */
@Command(
        name = "reload-tls",
        mixinStandardHelpOptions = true,
        description = "Reloads the TLS certificates and keys from their files (POST /admin/reload-tls; needs admin), "
                + "without dropping connections. Exit 1 when a listener's files were unusable (it keeps its old "
                + "certificate; the server's log says why).")
final class ReloadTlsCommand extends MonitorCommand {

    @Override
    public Integer call() {
        JsonNode answer = monitor().post("/admin/reload-tls");
        if (answer.path("reloaded").asBoolean(false)) {
            out().println("reloaded the TLS certificates");
            return ExitCode.OK;
        }
        out().println("not reloaded: a listener's certificate or key files were unusable; it keeps the old ones "
                + "(see the server's log)");
        return ExitCode.FAILED;
    }
}
