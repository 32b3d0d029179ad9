package io.switchboard.server;

import io.netty.util.ResourceLeakDetector;
import io.switchboard.protocol.transport.NettyDefaults;
import io.switchboard.server.auth.PasswdCommand;
import io.switchboard.server.config.ConfigException;
import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ConfigOption;
import io.switchboard.server.config.LoadedConfig;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.logging.LogSetup;
import io.switchboard.server.transport.RecyclerCapacity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The launcher: reads the configuration (defaults &lt; file &lt; environment &lt; flags), sets up logging,
 * starts the server and turns SIGTERM into a graceful shutdown. Exit code 2 for a bad configuration (including
 * unusable TLS files), 1 when the server cannot start.
 */
@Command(
        name = "switchboard",
        mixinStandardHelpOptions = true,
        version = "switchboard 0.1.0",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Runs the Switchboard server (or, as 'switchboard passwd', hashes a password for the "
                + "auth-users file). The admin commands for a running server are 'status', 'sessions', "
                + "'connections', 'call', 'top', 'drain', 'shutdown', 'kick' and 'reload-tls' (e.g. 'switchboard "
                + "status --help'). Every option can also be set in the YAML config file (the "
                + "flag's name without the leading dashes, e.g. max-frame-size: 2097152) or as an environment "
                + "variable (SWITCHBOARD_MAX_FRAME_SIZE). Flags win over the environment, the environment over "
                + "the file, the file over the defaults.")
public final class Main implements Callable<Integer> {

    static final int EXIT_CONFIG = 2;
    static final int EXIT_START = 1;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML config file (also ${" + ConfigLoader.CONFIG_ENV + "}).")
    private Path configFile;

    private final Map<String, String> env;
    /** Where {@code passwd} reads its secret when there is no console. */
    private final java.io.InputStream stdin;

    private final java.io.Console console;
    /** Set when the server started; tests use it to stop what they started. */
    private SwitchboardServer server;

    Main(Map<String, String> env) {
        this(env, System.in, System.console());
    }

    Main(Map<String, String> env, java.io.InputStream stdin, java.io.Console console) {
        this.env = env;
        this.stdin = stdin;
        this.console = console;
    }

    public static void main(String[] args) {
        RecyclerCapacity.raise(System.getProperties()); // before Netty's Recycler class is loaded
        NettyDefaults.apply(System.getProperties());
        Main main = new Main(System.getenv());
        int code = main.commandLine().execute(args);
        if (code != 0 || main.server == null) {
            System.exit(code);
        }
        // Started: the event loop threads keep the JVM alive until shutdown ends them.
    }

    /** The picocli command with one flag per {@link ConfigOption}, all documented with their defaults. */
    CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(this);
        commandLine.addSubcommand("passwd", new PasswdCommand(console, stdin));
        CommandSpec commandSpec = commandLine.getCommandSpec();
        for (ConfigOption option : ConfigOption.values()) {
            commandSpec.addOption(OptionSpec.builder(option.flag())
                    .paramLabel(option.label())
                    .type(option.repeatable() ? String[].class : String.class)
                    .arity("1")
                    .description(option.description() + " Default: "
                            + option.defaultValue().orElse("none") + ". Env: " + option.envVar() + ".")
                    .build());
        }
        // One line, not the whole usage text: the error is what the operator needs to see.
        commandLine.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("switchboard: " + e.getMessage() + " (see --help)");
            e.getCommandLine().getErr().flush();
            return EXIT_CONFIG;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(configFile, env, cliValues());
        } catch (ConfigException e) {
            err.println("switchboard: " + e.getMessage());
            err.flush();
            return EXIT_CONFIG;
        }
        List<String> logProblems = LogSetup.apply(loaded.log());
        if (!logProblems.isEmpty()) {
            err.println("switchboard: cannot set up logging (" + logOptions(loaded) + "): "
                    + String.join("; ", logProblems));
            err.flush();
            return EXIT_CONFIG;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info(
                "{} starting with {}; Netty leak detection {}",
                LogId.STARTING,
                loaded.server(),
                ResourceLeakDetector.getLevel().name().toLowerCase(Locale.ROOT));
        try {
            server = SwitchboardServer.start(loaded.server());
        } catch (ServerStartException e) {
            log.error("{} cannot start: {}", LogId.CANNOT_START, e.getMessage());
            err.println("switchboard: cannot start: " + e.getMessage());
            err.flush();
            return e.isConfigError() ? EXIT_CONFIG : EXIT_START;
        }
        SwitchboardServer started = server;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> started.closeFor("server stopped by signal"), "switchboard-sigterm"));
        return 0;
    }

    SwitchboardServer server() {
        return server;
    }

    /** The logging options in use, for an error message that names the one to fix. */
    private static String logOptions(LoadedConfig loaded) {
        List<String> options = new ArrayList<>();
        loaded.logFile().ifPresent(file -> options.add("log-file " + file));
        loaded.log().syslog().ifPresent(target -> options.add("log-syslog-host " + target));
        return options.isEmpty() ? "log-format" : String.join(", ", options);
    }

    private Map<ConfigOption, String> cliValues() {
        Map<ConfigOption, String> values = new EnumMap<>(ConfigOption.class);
        for (ConfigOption option : ConfigOption.values()) {
            OptionSpec flag = spec.findOption(option.flag());
            Object value = flag == null ? null : flag.getValue();
            if (value instanceof String[] repeated) {
                values.put(option, String.join("\n", repeated));
            } else if (value != null) {
                values.put(option, (String) value);
            }
        }
        return values;
    }
}
