package io.switchboard.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * An unpacked WildFly started with {@code bin/standalone.sh} on loopback, on ports moved by an offset so it does
 * not collide with another WildFly on the machine. Its server base directory (configuration, logs, deployments
 * data) is a fresh copy of the dist's {@code standalone/configuration}, so the unpacked dist stays pristine and
 * nothing of one run survives into the next; {@link #startAgain} boots the same base directory again, as a
 * crashed server is restarted, with what the CLI changed and deployed. Always stopped: by {@link #close()}, by
 * {@link #kill()}, or by a shutdown hook if the JVM that started it exits some other way.
 */
public final class WildFly implements AutoCloseable {

    public static final String LOOPBACK = "127.0.0.1";
    /** Default JVM options of bin/standalone.conf (which applies none of them once JAVA_OPTS is set). */
    private static final String STANDALONE_CONF_OPTS = "-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true"
            + " -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true";
    /** The ports standalone.xml binds, before the offset. */
    private static final int[] PORTS = {8080, 9990, 8443, 9993, 8009, 4712, 4713};

    private static final Duration CLI_DEADLINE = Duration.ofMinutes(3);
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(10);

    private final Path home;
    private final Path baseDir;
    private final int portOffset;
    private final Map<String, String> systemProperties;
    private final String extraJavaOpts;
    private final Process script;
    private final Thread shutdownHook;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private WildFly(
            Path home,
            Path baseDir,
            int portOffset,
            Map<String, String> systemProperties,
            String extraJavaOpts,
            Process script) {
        this.home = home;
        this.baseDir = baseDir;
        this.portOffset = portOffset;
        this.systemProperties = Map.copyOf(systemProperties);
        this.extraJavaOpts = extraJavaOpts;
        this.script = script;
        this.shutdownHook = new Thread(this::destroyTree, "wildfly-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts WildFly on a fresh copy of the dist's configuration in {@code baseDir} and returns once its readiness
     * check answers UP.
     *
     * @param systemProperties passed as {@code -Dkey=value} to the server
     * @param extraJavaOpts    appended to the JVM options (e.g. a JFR recording), may be blank
     */
    public static WildFly start(
            Path home,
            Path baseDir,
            int portOffset,
            Map<String, String> systemProperties,
            String extraJavaOpts,
            Duration deadline)
            throws IOException, InterruptedException {
        checkPortsFree(portOffset);
        copyConfiguration(home, baseDir);
        return launch(home, baseDir, portOffset, systemProperties, extraJavaOpts, deadline);
    }

    /**
     * Boots this server's base directory again, as it was left (configuration written by the CLI, deployments,
     * data), with the same ports and options: what an operator's plain restart of a crashed server does. This
     * server must be down (after {@link #kill()} or {@link #close()}). Returns once the readiness check answers UP.
     */
    public WildFly startAgain(Duration deadline) throws IOException, InterruptedException {
        if (processTree().stream().anyMatch(ProcessHandle::isAlive)) {
            throw new IllegalStateException("WildFly in " + baseDir + " is still running; kill or close it first");
        }
        checkPortsFree(portOffset);
        return launch(home, baseDir, portOffset, systemProperties, extraJavaOpts, deadline);
    }

    private static WildFly launch(
            Path home,
            Path baseDir,
            int portOffset,
            Map<String, String> systemProperties,
            String extraJavaOpts,
            Duration deadline)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.socket.binding.port-offset=" + portOffset));
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                // Appended: a restarted server's console follows the one before it.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        baseDir.resolve("console.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", (STANDALONE_CONF_OPTS + " " + extraJavaOpts).trim());
        // The script then runs java in the background and relays SIGTERM to it: stopping the script stops WildFly.
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        WildFly wildFly = new WildFly(home, baseDir, portOffset, systemProperties, extraJavaOpts, builder.start());
        try {
            wildFly.awaitReady(deadline);
            return wildFly;
        } catch (IOException | InterruptedException | RuntimeException e) {
            wildFly.close();
            throw e;
        }
    }

    /**
     * The single {@code wildfly-*} directory in {@code dir}, where a build unpacked the dist (e.g.
     * {@code benchmarks/run}'s {@code dependency:unpack@unpack-wildfly}).
     */
    public static Path unpackedHome(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " does not exist; WildFly is not unpacked there");
        }
        List<Path> homes;
        try (Stream<Path> entries = Files.list(dir)) {
            homes = entries.filter(p -> p.getFileName().toString().startsWith("wildfly-")
                            && Files.isRegularFile(p.resolve("bin/standalone.sh")))
                    .toList();
        }
        if (homes.size() != 1) {
            throw new IOException("expected one unpacked WildFly in " + dir + ", found " + homes);
        }
        return homes.get(0);
    }

    /** A port taken by something else would make WildFly boot with errors; say which one instead. */
    private static void checkPortsFree(int portOffset) throws IOException {
        for (int base : PORTS) {
            int port = base + portOffset;
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
                probe.setReuseAddress(true);
            } catch (IOException inUse) {
                throw new IOException("port " + port + " (" + base + " + offset " + portOffset + ") is in use on "
                        + LOOPBACK + "; pick another port offset");
            }
        }
    }

    private static void copyConfiguration(Path home, Path baseDir) throws IOException {
        Path source = home.resolve("standalone/configuration");
        Path target = baseDir.resolve("configuration");
        Files.createDirectories(target);
        Files.createDirectories(baseDir.resolve("deployments")); // scanned by standalone.xml's deployment scanner
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The server base directory: configuration, {@code log/server.log}, {@code console.log}, data. */
    public Path baseDir() {
        return baseDir;
    }

    public int httpPort() {
        return 8080 + portOffset;
    }

    public int managementPort() {
        return 9990 + portOffset;
    }

    /** Polls the management interface's {@code /health/ready} (no authentication in the default config). */
    public void awaitReady(Duration deadline) throws IOException, InterruptedException {
        URI ready = URI.create("http://" + LOOPBACK + ":" + managementPort() + "/health/ready");
        long end = System.nanoTime() + deadline.toNanos();
        String last = "no answer";
        while (System.nanoTime() - end < 0) {
            if (!script.isAlive()) {
                throw new IOException("WildFly exited with " + script.exitValue() + " while starting; see "
                        + baseDir.resolve("console.log"));
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new IOException("WildFly was not ready within " + deadline + " (last answer: " + last + "); see "
                + baseDir.resolve("log/server.log"));
    }

    /**
     * Runs a jboss-cli script against this server ({@code --connect}, local authentication as the same user).
     * Fails with the CLI's output if any command fails.
     */
    public void runCli(Path script) throws IOException, InterruptedException {
        Path output = baseDir.resolve(script.getFileName() + ".out");
        ProcessBuilder builder = new ProcessBuilder(
                        home.resolve("bin/jboss-cli.sh").toString(),
                        "--connect",
                        "--controller=remote+http://" + LOOPBACK + ":" + managementPort(),
                        "--file=" + script)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process cli = builder.start();
        if (!cli.waitFor(CLI_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
            throw new IOException(
                    "jboss-cli did not finish " + script + " within " + CLI_DEADLINE + "; output in " + output);
        }
        if (cli.exitValue() != 0) {
            throw new IOException("jboss-cli failed on " + script + " (exit " + cli.exitValue() + "):\n"
                    + Files.readString(output) + "\nsee also " + baseDir.resolve("log/server.log"));
        }
    }

    /** The WildFly JVM (a child of standalone.sh). */
    public Optional<ProcessHandle> java() {
        return script.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst();
    }

    /** CPU time the WildFly JVM has used so far; zero where the OS does not tell. */
    public Duration cpuTime() {
        return java().flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO);
    }

    /** SIGTERM (a graceful WildFly shutdown, which also writes a JFR recording), then SIGKILL after 30 s. */
    @Override
    public void close() {
        List<ProcessHandle> tree = processTree();
        tree.forEach(ProcessHandle::destroy);
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception stillRunning) {
                // killed below
            }
        }
        destroyTree();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; it kills the same processes.
        }
    }

    /**
     * SIGKILL to the WildFly JVM and its script at once, as a crash or {@code kill -9} would end them: no shutdown
     * of any kind runs, sockets are closed by the kernel. Returns once both are gone.
     */
    public void kill() throws InterruptedException {
        List<ProcessHandle> tree = processTree();
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : tree) {
            try {
                process.onExit().get(KILL_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(
                        "process " + process.pid() + " of WildFly in " + baseDir + " still runs " + KILL_DEADLINE
                                + " after SIGKILL",
                        e);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; it kills the same processes.
        }
    }

    private void destroyTree() {
        processTree().forEach(ProcessHandle::destroyForcibly);
    }

    /** What standalone.sh started (the WildFly JVM), then the script itself. */
    private List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>(script.descendants().toList());
        tree.add(script.toHandle());
        return tree;
    }
}
