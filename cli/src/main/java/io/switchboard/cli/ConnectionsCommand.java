package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard connections}: a page of /connz, sorted. */
@Command(
        name = "connections",
        mixinStandardHelpOptions = true,
        description = "Lists the client connections (/connz): address, user, client name, codec, mode, age, calls in "
                + "flight, calls made and delivered, bytes, pending write bytes.")
final class ConnectionsCommand extends MonitorCommand {

    /** The sort keys of /connz; {@code calls} is short for {@code calls_out}. */
    static final List<String> SORT_KEYS = List.of(
            "cid", "age", "calls_in_flight", "calls_out", "calls_in", "bytes_in", "bytes_out", "pending_write_bytes");

    @Option(
            names = "--sort",
            paramLabel = "KEY",
            defaultValue = "cid",
            description = "cid (ascending, the default), age, calls_in_flight, calls_out (or calls), calls_in, "
                    + "bytes_in, bytes_out or pending_write_bytes (descending).")
    String sort;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "100",
            description = "At most N connections (1 to 1000). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the first N.")
    int offset;

    @Option(names = "--json", description = "Print the /connz answer as the server sent it.")
    boolean json;

    @Override
    public Integer call() {
        String key = sortKey(sort);
        if (limit < 1 || limit > 1000) {
            throw new CliException(ExitCode.USAGE, "--limit must be from 1 to 1000");
        }
        if (offset < 0) {
            throw new CliException(ExitCode.USAGE, "--offset must not be negative");
        }
        JsonNode connz = monitor().get("/connz?sort=" + key + "&limit=" + limit + "&offset=" + offset);
        if (json) {
            printJson(connz);
            return ExitCode.OK;
        }
        print(connz, key, out());
        return ExitCode.OK;
    }

    /** The table and a line saying which of how many it shows; shared with top. */
    static void print(JsonNode connz, String key, PrintWriter out) {
        JsonNode connections = connz.path("connections");
        if (connections.isEmpty()) {
            int from = connz.path("offset").asInt(0);
            out.println("no connections" + (from > 0 ? " from offset " + from : "") + " ("
                    + Units.count(connz.get("total")) + " in total)");
            return;
        }
        table(connections).print(out);
        out.println(footer(connz, connections.size(), key));
    }

    static String sortKey(String given) {
        String key = "calls".equals(given) ? "calls_out" : given;
        if (!SORT_KEYS.contains(key)) {
            throw new CliException(
                    ExitCode.USAGE,
                    "--sort " + given + " is not one of " + String.join(", ", SORT_KEYS) + " (or calls)");
        }
        return key;
    }

    static String footer(JsonNode connz, int shown, String key) {
        int from = connz.path("offset").asInt(0);
        return (from + 1) + "-" + (from + shown) + " of " + Units.count(connz.get("total")) + " connections, sorted by "
                + key;
    }

    static Table table(JsonNode connections) {
        Table table = new Table(
                "CID",
                "ADDRESS",
                "USER",
                "CLIENT",
                "CODEC",
                "MODE",
                "AGE",
                "IN FLIGHT",
                "CALLS OUT",
                "CALLS IN",
                "BYTES IN",
                "BYTES OUT",
                "PENDING");
        for (JsonNode c : connections) {
            table.row(
                    Units.count(c.get("cid")),
                    Units.text(c.get("address")),
                    Units.text(c.get("user")),
                    Units.text(c.get("client_name")),
                    Units.text(c.get("codec")),
                    Units.text(c.get("mode")),
                    Units.age(c.get("age_seconds")),
                    Units.count(c.get("calls_in_flight")),
                    Units.count(c.get("calls_out")),
                    Units.count(c.get("calls_in")),
                    Units.bytes(c.get("bytes_in")),
                    Units.bytes(c.get("bytes_out")),
                    Units.bytes(c.get("pending_write_bytes")));
        }
        return table;
    }
}
