package io.switchboard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that talks to the monitoring port: its URL and the common options. */
abstract class MonitorCommand implements Callable<Integer> {

    static final String MONITOR_ENV = "SWITCHBOARD_MONITOR";
    static final String DEFAULT_MONITOR = "http://127.0.0.1:8222";

    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand
    AdminCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(
            names = "--monitor",
            paramLabel = "URL",
            description = "The server's monitoring port, http:// or https:// (also ${" + MONITOR_ENV + "}; default "
                    + DEFAULT_MONITOR + ").")
    String monitor;

    /** A client for the monitoring port named by --monitor, the environment or the default. */
    MonitorClient monitor() {
        String url = monitor != null ? monitor : cli.terminal().env(MONITOR_ENV).orElse(DEFAULT_MONITOR);
        return new MonitorClient(url, common.timeout(), Credentials.resolve(common, cli.terminal()), common.ca);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    void printJson(JsonNode node) {
        try {
            out().println(PRETTY.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCode.FAILED, "cannot print the answer as JSON: " + e.getMessage());
        }
    }
}
