package io.switchboard.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server process the harness starts and always stops: on {@link #close()}, and by a shutdown hook if
 * the benchmark JVM exits some other way. Output goes to a log file so it does not mix with the results.
 */
public final class ExternalProcess implements AutoCloseable {

    public static final String LOOPBACK = "127.0.0.1";

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private ExternalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, name + "-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code command} and returns once {@code port} on loopback accepts connections. */
    public static ExternalProcess start(String name, List<String> command, int port, Path log, Duration deadline)
            throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ExternalProcess started = new ExternalProcess(name, process, log);
        try {
            started.awaitPort(port, deadline);
            return started;
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /**
     * The command that starts {@code mainClass} as the server JVM is started: this JVM's java and class path, with
     * BENCH_SERVER_JAVA_OPTS, logging at INFO to its output (the log file). The floors use it, so they run on the
     * server's JVM options.
     */
    public static List<String> javaLikeTheServer(String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(words(System.getenv("BENCH_SERVER_JAVA_OPTS")));
        command.addAll(List.of(
                "-Dlogback.configurationFile=bench-logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        return command;
    }

    /** The whitespace-separated words of an environment variable's value, as a shell would split it unquoted. */
    public static List<String> words(String value) {
        return value == null || value.isBlank()
                ? List.of()
                : Arrays.asList(value.trim().split("\\s+"));
    }

    /** A port that was free a moment ago on loopback (the usual small race is acceptable here). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private void awaitPort(int port, Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() - end < 0) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " before accepting on port " + port
                        + "; see " + log);
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(LOOPBACK, port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException(name + " did not accept on port " + port + " within " + deadline + "; see " + log);
    }

    public long pid() {
        return process.pid();
    }

    /** User plus system CPU time the process has used so far; zero where the OS does not tell. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public Path log() {
        return log;
    }

    /** SIGKILL (kill -9): the process gets no chance to leave anything cleanly. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; it kills the same process.
        }
    }
}
