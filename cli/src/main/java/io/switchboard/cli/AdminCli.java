package io.switchboard.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The admin commands of {@code bin/switchboard} (status, sessions, connections, call, top, drain, shutdown, kick, reload-tls). The
 * launcher sends a first argument naming one of {@link #COMMANDS} here and everything else to the server's Main.
 * Errors print as one line, {@code switchboard: ...}, with the {@link ExitCode} of their class.
 */
@Command(
        name = "switchboard",
        mixinStandardHelpOptions = true,
        version = "switchboard 0.1.0",
        usageHelpAutoWidth = true,
        description = "Admin commands for a running Switchboard server: they talk to its monitoring port "
                + "(--monitor, default " + MonitorCommand.DEFAULT_MONITOR + ") or, for 'call', its client port.",
        subcommands = {
            StatusCommand.class,
            SessionsCommand.class,
            ConnectionsCommand.class,
            CallCommand.class,
            TopCommand.class,
            DrainCommand.class,
            ShutdownCommand.class,
            KickCommand.class,
            ReloadTlsCommand.class
        })
public final class AdminCli implements Callable<Integer> {

    /** The subcommands, as the launcher dispatches them. */
    public static final List<String> COMMANDS =
            List.of("status", "sessions", "connections", "call", "top", "drain", "shutdown", "kick", "reload-tls");

    /** The quiet logback configuration of the CLI (the client's own log lines go to stderr, WARN and above). */
    static final String LOGBACK_CONFIG = "switchboard-cli-logback.xml";

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    AdminCli(Terminal terminal) {
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = run(args, Terminal.system(), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command in-process, reading the environment and stdin given; returns its exit code. */
    public static int run(String[] args, Map<String, String> env, InputStream stdin, PrintWriter out, PrintWriter err) {
        return run(args, new Terminal(env, stdin, null), out, err);
    }

    static int run(String[] args, Terminal terminal, PrintWriter out, PrintWriter err) {
        int code = commandLine(terminal, out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine(Terminal terminal, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new AdminCli(terminal));
        commandLine.setOut(out);
        commandLine.setErr(err);
        // One line, not the whole usage text: the error is what the operator needs to see.
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr()
                    .println("switchboard: " + e.getMessage() + " (see '"
                            + failed.getCommandSpec().qualifiedName() + " --help')");
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            if (e instanceof CliException cli) {
                failed.getErr().println("switchboard: " + cli.getMessage());
                return cli.exitCode();
            }
            failed.getErr().println("switchboard: unexpected error: " + e);
            return ExitCode.FAILED;
        });
        return commandLine;
    }

    Terminal terminal() {
        return terminal;
    }

    /** Without a command: the usage, and exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }
}
