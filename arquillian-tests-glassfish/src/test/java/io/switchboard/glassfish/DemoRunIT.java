package io.switchboard.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code demo/run --server glassfish} keeps its promise, tried as a new user would: with what this build made, on
 * ports of its own, the demo comes up on GlassFish, the sample answers a call through the adapter and the sample's
 * own message-driven bean, and Ctrl-C (SIGINT) stops everything. Not an Arquillian test: the demo runs its own
 * GlassFish domain.
 */
class DemoRunIT {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    /** Apart from this module's domain (24700) and WildFly's DemoRunIT (17420...). */
    private static final int PORTBASE = 25700;

    private static final int SWITCHBOARD_PORT = 17620;
    private static final int CHAT_TCP_PORT = 17630;
    /** The demo's first start unpacks GlassFish and creates a domain: well within this. */
    private static final Duration START_DEADLINE = Duration.ofMinutes(5);

    private Process demo;

    @AfterEach
    void stopDemo() throws Exception {
        if (demo != null && demo.isAlive()) {
            List<ProcessHandle> tree = demo.descendants().toList();
            demo.destroy();
            if (!demo.waitFor(90, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                demo.destroyForcibly();
            }
        }
    }

    @Test
    void theDemoRunsOnGlassFishAndStopsOnCtrlC() throws Exception {
        Path log = Files.createTempFile("demo-run-glassfish", ".log");
        ProcessBuilder builder = new ProcessBuilder(
                        "bash", ROOT.resolve("demo/run").toString(), "--server", "glassfish")
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("DEMO_SKIP_BUILD", "1");
        env.put("GLASSFISH_PORTBASE", Integer.toString(PORTBASE));
        env.put("SWITCHBOARD_PORT", Integer.toString(SWITCHBOARD_PORT));
        env.put("CHAT_TCP_PORT", Integer.toString(CHAT_TCP_PORT));
        env.put("CHAT_WS_PORT", Integer.toString(CHAT_TCP_PORT + 1));
        demo = builder.start();
        awaitOutput(log, line -> line.startsWith("==> ready on GlassFish"), "the demo's ready banner");

        String api = "http://127.0.0.1:" + (PORTBASE + 80) + "/switchboard-sample/api/";
        assertThat(get(api + "call/echo/echo?payload=hello")).isEqualTo("\"hello\"");
        assertThat(get(api + "call/greeter/hello?payload=Ada")).isEqualTo("\"Hello, Ada!\"");

        new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).start().waitFor();
        assertThat(demo.waitFor(120, TimeUnit.SECONDS))
                .as("Ctrl-C stops the demo")
                .isTrue();
        awaitOutput(log, line -> line.startsWith("stopped"), "the demo's last word");
        assertThat(demo.descendants().filter(ProcessHandle::isAlive).toList())
                .as("nothing the demo started is left running")
                .isEmpty();
    }

    private static String get(String uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(uri))
                                .timeout(Duration.ofSeconds(60))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        return response.body();
    }

    /** Waits for a line of the demo's output, failing (with the output) if the demo ends or the deadline passes. */
    private void awaitOutput(Path log, Predicate<String> expected, String what) throws Exception {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        List<String> output = List.of();
        while (System.nanoTime() < deadline) {
            output = Files.readAllLines(log, StandardCharsets.UTF_8);
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
}
