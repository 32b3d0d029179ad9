package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, B.11: {@code demo/run} keeps its promise, tried as a new user would. The demo runs as the README says
 * (with what this build made, on ports of its own); a chat user connects with a nickname; WildFly's java is killed
 * with SIGKILL; the user stays connected, hears the outage notice, and once the demo has restarted WildFly by itself
 * is greeted "welcome back" under the same nickname. Ctrl-C (SIGINT) then stops everything.
 * <p>
 * Not an Arquillian test: the demo runs its own WildFly.
 */
class DemoRunIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final int OFFSET = 800;
    private static final int SWITCHBOARD_PORT = 17420;
    private static final int CHAT_TCP_PORT = 17430;
    /** The demo's first start unpacks WildFly and deploys; a restart redeploys: both well within this. */
    private static final Duration START_DEADLINE = Duration.ofMinutes(5);

    private Process demo;
    private final List<String> output = new ArrayList<>();

    @AfterEach
    void stopDemo() throws Exception {
        if (demo != null && demo.isAlive()) {
            List<ProcessHandle> tree = demo.descendants().toList();
            demo.destroy();
            if (!demo.waitFor(60, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                demo.destroyForcibly();
            }
        }
    }

    @Test
    void aChatUserStaysConnectedThroughAWildFlyCrashAndIsWelcomedBackByName() throws Exception {
        Path log = Files.createTempFile("demo-run", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", ROOT.resolve("demo/run").toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("DEMO_SKIP_BUILD", "1");
        env.put("WILDFLY_PORT_OFFSET", Integer.toString(OFFSET));
        env.put("SWITCHBOARD_PORT", Integer.toString(SWITCHBOARD_PORT));
        env.put("CHAT_TCP_PORT", Integer.toString(CHAT_TCP_PORT));
        env.put("CHAT_WS_PORT", Integer.toString(CHAT_TCP_PORT + 1));
        demo = builder.start();
        awaitOutput(log, line -> line.startsWith("==> ready"), "the demo's ready banner");

        try (Socket socket = new Socket("127.0.0.1", CHAT_TCP_PORT)) {
            socket.setSoTimeout(1000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            awaitLine(in, line -> line.startsWith("welcome, "), "the chat's greeting");
            out.write("/nick ada\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitLine(in, line -> line.endsWith(" is now ada"), "the rename");

            ProcessHandle wildFly = demo.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("jboss-modules.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no WildFly java under the demo"));
            wildFly.destroyForcibly(); // SIGKILL
            awaitLine(in, line -> line.contains("restarting"), "the outage notice");
            awaitLine(in, "welcome back, ada"::equals, "the welcome-back under the user's nickname");
        }
        assertThat(demo.isAlive()).as("the demo is still running").isTrue();
        awaitOutput(log, line -> line.contains("restarting WildFly"), "the demo saying it restarts WildFly");

        ProcessHandle.of(demo.pid()).ifPresent(p -> {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                        .start()
                        .waitFor();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(demo.waitFor(90, TimeUnit.SECONDS))
                .as("Ctrl-C stops the demo")
                .isTrue();
        awaitOutput(log, line -> line.startsWith("stopped"), "the demo's last word");
        assertThat(demo.descendants().filter(ProcessHandle::isAlive).toList())
                .as("nothing the demo started is left running")
                .isEmpty();
    }

    /** Waits for a line of the demo's output, failing (with the output) if the demo ends or the deadline passes. */
    private void awaitOutput(Path log, Predicate<String> expected, String what) throws Exception {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            output.clear();
            output.addAll(Files.readAllLines(log, StandardCharsets.UTF_8));
            if (output.stream().anyMatch(expected)) {
                return;
            }
            if (!demo.isAlive()) {
                throw new AssertionError("the demo ended before " + what + ":\n" + String.join("\n", output));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no " + what + " within " + START_DEADLINE + ":\n" + String.join("\n", output));
    }

    /** Waits for a line from the chat, skipping others; fails if the server closes the line or time runs out. */
    private static void awaitLine(BufferedReader in, Predicate<String> expected, String what) throws IOException {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line;
            try {
                line = in.readLine();
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (line == null) {
                throw new AssertionError(
                        "the server closed the user's line while waiting for " + what + "; seen " + seen);
            }
            seen.add(line);
            if (expected.test(line)) {
                return;
            }
        }
        throw new AssertionError("no " + what + " within " + START_DEADLINE + "; seen " + seen);
    }
}
