package io.switchboard.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Switchboard server in its own JVM on loopback, started as a deployment would start it (the server's own
 * {@code Main}, or {@link ServerLauncher} where the server has none): this JVM's java and class path, plus
 * BENCH_SERVER_JAVA_OPTS (JVM options, e.g. a JFR recording) and BENCH_SERVER_ARGS (server flags, e.g.
 * {@code --io-threads=1}). Always stopped, by {@link #close()} or by a shutdown hook.
 */
public final class SwitchboardServerProcess implements AutoCloseable {

    /** The server's own command-line entry point; {@link ServerLauncher} stands in when it does not exist. */
    static final String SERVER_MAIN = "io.switchboard.server.Main";

    public static final String LOG_FILE = "switchboard-server.log";
    /** The benchmarks' logback configuration (INFO, stderr), for the {@link ServerLauncher} fallback. */
    private static final String LOG_CONFIG = "bench-logback.xml";

    private final ExternalProcess process;
    private final String url;

    private SwitchboardServerProcess(ExternalProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the server on a free loopback port, logging to {@link #LOG_FILE} in {@code logDir}. */
    public static SwitchboardServerProcess start(Path logDir) throws Exception {
        return start(logDir, List.of());
    }

    /**
     * As {@link #start(Path)} with more server flags (e.g. {@code --front-door}); they need the server's own
     * {@code Main}, which the {@link ServerLauncher} fallback does not stand in for.
     */
    public static SwitchboardServerProcess start(Path logDir, List<String> serverArgs) throws Exception {
        if (!serverArgs.isEmpty() && !serverMainExists()) {
            throw new IllegalStateException("server flags " + serverArgs + " need " + SERVER_MAIN);
        }
        int port = ExternalProcess.freePort();
        List<String> command = command(port);
        if (serverMainExists() && serverArgs.stream().noneMatch(arg -> arg.startsWith("--data-dir"))) {
            // The launcher's store is a SQLite file in its data directory: keep it with the run's logs.
            command.addAll(List.of("--data-dir", logDir.resolve("server-data").toString()));
        }
        command.addAll(serverArgs);
        ExternalProcess process = ExternalProcess.start(
                "switchboard-server", command, port, logDir.resolve(LOG_FILE), Duration.ofSeconds(30));
        // With --tls-cert the port speaks TLS only, and clients must say tls://.
        String scheme = serverArgs.contains("--tls-cert") ? "tls" : "tcp";
        return new SwitchboardServerProcess(process, scheme + "://" + ExternalProcess.LOOPBACK + ":" + port);
    }

    private static List<String> command(int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ExternalProcess.words(System.getenv("BENCH_SERVER_JAVA_OPTS")));
        if (serverMainExists()) {
            // As deployed: the server's own launcher, with its bundled logging configuration.
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    SERVER_MAIN,
                    "--host",
                    ExternalProcess.LOOPBACK,
                    "--port",
                    Integer.toString(port)));
            // Extra server flags for experiments, e.g. --io-threads=1.
            command.addAll(ExternalProcess.words(System.getenv("BENCH_SERVER_ARGS")));
        } else {
            command.addAll(List.of(
                    "-Dlogback.configurationFile=" + LOG_CONFIG,
                    "-cp",
                    System.getProperty("java.class.path"),
                    ServerLauncher.class.getName(),
                    Integer.toString(port)));
        }
        return command;
    }

    private static boolean serverMainExists() {
        try {
            Class.forName(SERVER_MAIN, false, SwitchboardServerProcess.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The server's URL on loopback: {@code tcp://}, or {@code tls://} when started with {@code --tls-cert}. */
    public String url() {
        return url;
    }

    /** The server JVM's process id (for jcmd and /proc). */
    public long pid() {
        return process.pid();
    }

    /** User plus system CPU time the server JVM has used so far. */
    public Duration cpuTime() {
        return process.cpuTime();
    }

    /** Pid and entry point, for the run's header. */
    public String describe() {
        return "server JVM pid " + process.pid() + " ("
                + (serverMainExists() ? SERVER_MAIN : ServerLauncher.class.getName()) + ") at " + url;
    }

    /** kill -9 of the server JVM. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
