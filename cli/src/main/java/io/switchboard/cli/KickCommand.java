package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code switchboard kick CID}: POST /admin/kick?cid=CID. */
@Command(
        name = "kick",
        mixinStandardHelpOptions = true,
        description = "Closes one client connection (POST /admin/kick; needs admin), by the CID that 'connections' "
                + "shows: the client is told an administrator closed it. Exit 6 when no connection has that CID.")
final class KickCommand extends MonitorCommand {

    @Parameters(index = "0", paramLabel = "CID", description = "The connection's id (the CID column of connections).")
    long cid;

    @Override
    public Integer call() {
        if (cid < 1) {
            throw new CliException(ExitCode.USAGE, "CID must be a whole number from 1");
        }
        JsonNode answer = monitor().post("/admin/kick?cid=" + cid);
        out().println("kicked connection " + Units.count(answer.get("kicked")));
        return ExitCode.OK;
    }
}
