package io.switchboard.benchmarks.frontdoor;

import io.switchboard.benchmarks.ExternalProcess;
import io.switchboard.benchmarks.floor.BroadcastFloor;
import io.switchboard.benchmarks.floor.BroadcastFloorMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The broadcast floor ({@link BroadcastFloor}) in its own JVM, started as the Switchboard server is (this JVM's java
 * and class path, BENCH_SERVER_JAVA_OPTS, and the server's {@code --io-threads} from BENCH_SERVER_ARGS), and its
 * control connection from this JVM. Tcp users only: the floor speaks no websocket.
 */
final class FloorDoor implements BroadcastServer {

    static final String LOG_FILE = "broadcast-floor.log";
    /** A broadcast's answer comes once it is queued on every line; a round's own deadline is the users'. */
    private static final int ANSWER_TIMEOUT_MS = 60_000;

    private final ExternalProcess process;
    private final int usersPort;
    private final Socket control;
    private final BufferedReader answers;
    private final OutputStream commands;

    private FloorDoor(ExternalProcess process, int usersPort, Socket control) throws IOException {
        this.process = process;
        this.usersPort = usersPort;
        this.control = control;
        this.answers = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8));
        this.commands = control.getOutputStream();
    }

    static FloorDoor start(Path logDir) throws Exception {
        int usersPort = ExternalProcess.freePort();
        int controlPort = ExternalProcess.freePort();
        ExternalProcess process = ExternalProcess.start(
                "broadcast-floor",
                command(usersPort, controlPort),
                controlPort,
                logDir.resolve(LOG_FILE),
                Duration.ofSeconds(30));
        Socket control = new Socket();
        try {
            control.connect(new InetSocketAddress(ExternalProcess.LOOPBACK, controlPort), 10_000);
            control.setTcpNoDelay(true);
            control.setSoTimeout(ANSWER_TIMEOUT_MS);
            return new FloorDoor(process, usersPort, control);
        } catch (IOException | RuntimeException e) {
            control.close();
            process.close();
            throw e;
        }
    }

    private static List<String> command(int usersPort, int controlPort) {
        List<String> command = ExternalProcess.javaLikeTheServer(BroadcastFloorMain.class.getName());
        command.addAll(List.of(
                "--host=" + ExternalProcess.LOOPBACK, "--users-port=" + usersPort, "--control-port=" + controlPort));
        command.addAll(ioThreadsFlag(System.getenv("BENCH_SERVER_ARGS")));
        return command;
    }

    /** The server's {@code --io-threads=N} among its flags, so the floor's loops are the server's; no other flag. */
    static List<String> ioThreadsFlag(String serverArgs) {
        return ExternalProcess.words(serverArgs).stream()
                .filter(word -> word.startsWith("--io-threads="))
                .toList();
    }

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public int usersPort() {
        return usersPort;
    }

    @Override
    public void awaitLines(int lines, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        int users;
        while ((users = ask(BroadcastFloor.USERS, "users ")) < lines) {
            if (System.nanoTime() - end > 0) {
                throw new IllegalStateException(
                        "the floor holds only " + users + " of " + lines + " lines after " + deadline);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public int broadcast(String message) throws IOException {
        return ask(BroadcastFloor.BROADCAST + message, "sent ");
    }

    /** Sends {@code command} and reads its answer, {@code <prefix>N}. */
    private int ask(String command, String prefix) throws IOException {
        commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
        String answer = answers.readLine();
        if (answer == null || !answer.startsWith(prefix)) {
            throw new IOException("the floor answered '" + command + "' with " + answer + "; see " + process.log());
        }
        return Integer.parseInt(answer.substring(prefix.length()));
    }

    @Override
    public String describe() {
        return "broadcast floor JVM pid " + process.pid() + " (" + BroadcastFloorMain.class.getSimpleName()
                + ": raw Netty, the server's transport, I/O threads and broadcast strategy, no protocol; see "
                + process.log() + ")";
    }

    @Override
    public void close() throws IOException {
        try (ExternalProcess p = process) {
            control.close();
        }
    }
}
