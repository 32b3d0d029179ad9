package io.switchboard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.cli.AdminCli;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import io.switchboard.server.SwitchboardServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin CLI run in-process (picocli, output captured) against a real server with its monitoring port on:
 * status, sessions, connections, call, top, drain and shutdown, with their output and exit codes.
 */
class AdminCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIMING = Pattern.compile("# \\d+\\.\\d\\d ms \\((.+)\\)");

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private SwitchboardServer server;
    private SwitchboardClient publisher;

    /** One run of the CLI: exit code, stdout, stderr. */
    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    static Run cli(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AdminCli.run(
                args,
                env,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out),
                new PrintWriter(err));
        Run run = new Run(code, out.toString(), err.toString());
        record(args, run);
        return run;
    }

    /** Every run, appended to target/admin-cli-examples.txt: the example output of docs/monitoring.md. */
    private static synchronized void record(String[] args, Run run) {
        String text = "$ switchboard " + String.join(" ", args) + "\n" + run.out() + run.err() + "(exit " + run.code()
                + ")\n\n";
        try {
            java.nio.file.Files.writeString(
                    java.nio.file.Path.of("target", "admin-cli-examples.txt"),
                    text,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Run cli(String... args) {
        return cli(Map.of(), "", args);
    }

    private String monitor() {
        return "--monitor=http://127.0.0.1:" + server.monitorPort();
    }

    private String serverUrl() {
        return "--server=" + Fixtures.tcpUrl(server);
    }

    @BeforeEach
    void start() {
        server = SwitchboardServer.start(Fixtures.serverConfig().monitorPort(0).build());
        publisher = SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.JSON)
                .clientName("calc-publisher")
                .build());
        publisher.publish(Calculator.ALIAS, Calculator.METHODS, new Calculator(), handlers);
    }

    @AfterEach
    void stop() {
        Fixtures.closeAll(publisher, server);
        handlers.shutdownNow();
    }

    @Test
    void statusPrintsHealthAndTheServersTotals() throws Exception {
        Run status = cli("status", monitor());
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out())
                .containsPattern("(?m)^health +ok$")
                .containsPattern("(?m)^connections +1$")
                .containsPattern("(?m)^sessions +1$")
                .contains("uptime", "latency", "memory", "cpu");
        assertThat(status.err()).isEmpty();

        Run json = cli("status", "--json", monitor());
        assertThat(json.code()).isZero();
        assertThat(json.json().path("healthz").path("status").asText()).isEqualTo("ok");
        assertThat(json.json().path("varz").path("totals").path("sessions").asInt())
                .isEqualTo(1);
    }

    @Test
    void sessionsListsThePublishedAlias() throws Exception {
        Run sessions = cli("sessions", monitor());
        assertThat(sessions.code()).as(sessions.err()).isZero();
        List<String> lines = sessions.out().lines().toList();
        assertThat(lines.get(0)).startsWith("ALIAS").contains("POLICY", "PUBLISHERS", "IN FLIGHT", "P99");
        assertThat(lines.get(1)).startsWith("calc ").contains("fail");
        assertThat(lines).hasSize(2);

        Run json = cli("sessions", "--json", monitor());
        assertThat(json.json()
                        .path("sessions")
                        .get(0)
                        .path("publishers")
                        .get(0)
                        .path("client_name")
                        .asText())
                .isEqualTo("calc-publisher");
    }

    @Test
    void connectionsAreSortedByTheKeyGiven() throws Exception {
        try (SwitchboardClient busy =
                        SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.JSON)
                                .clientName("busy-caller")
                                .build());
                SwitchboardClient idle =
                        SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.CBOR)
                                .clientName("idle-caller")
                                .build())) {
            for (int i = 0; i < 3; i++) {
                busy.call(Calculator.ALIAS, "add", new Calculator.Pair(i, 1), Calculator.Sum.class);
            }
            idle.ping();
            Run sorted = cli("connections", "--sort", "calls", monitor());
            assertThat(sorted.code()).as(sorted.err()).isZero();
            List<String> lines = sorted.out().lines().toList();
            assertThat(lines.get(0)).startsWith("CID").contains("CALLS OUT", "PENDING");
            assertThat(lines.get(1)).contains("busy-caller", "json", " 3 ");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("1-3 of 3 connections, sorted by calls_out");

            Run byCid = cli("connections", "--limit", "1", "--offset", "1", monitor());
            assertThat(byCid.code()).isZero();
            assertThat(byCid.out().lines().toList()).hasSize(3);
            assertThat(byCid.out()).contains("busy-caller").endsWith("2-2 of 3 connections, sorted by cid\n");

            Run bad = cli("connections", "--sort", "size", monitor());
            assertThat(bad.code()).isEqualTo(2);
            assertThat(bad.err()).startsWith("switchboard: --sort size is not one of cid, age,");
        }
    }

    @Test
    void callPrintsTheResultAndATimingLine() throws Exception {
        Run call = cli("call", serverUrl(), "calc", "add", "{\"a\":2,\"b\":3}");
        assertThat(call.code()).as(call.err()).isZero();
        assertThat(call.json()).isEqualTo(JSON.readTree("{\"sum\":5}"));
        assertThat(call.err().strip()).matches(TIMING).endsWith("(ok)");

        Run fromStdin = cli(Map.of(), "{\"name\":\"ada\",\"age\":36}", "call", serverUrl(), "calc", "shout", "-");
        assertThat(fromStdin.code()).as(fromStdin.err()).isZero();
        assertThat(fromStdin.json().path("name").asText()).isEqualTo("ADA");

        Run fromEnv = cli(Map.of("SWITCHBOARD_SERVER", Fixtures.tcpUrl(server)), "", "call", "calc", "echo", "[1,2]");
        assertThat(fromEnv.code()).as(fromEnv.err()).isZero();
        assertThat(fromEnv.json()).isEqualTo(JSON.readTree("[1,2]"));
    }

    @Test
    void aFailedCallNamesItsResultCodeAndExitsWithItsClass() {
        Run unknownAlias = cli("call", serverUrl(), "nope", "add", "{}");
        assertThat(unknownAlias.code()).isEqualTo(6);
        assertThat(unknownAlias.out()).isEmpty();
        assertThat(unknownAlias.err())
                .containsPattern("# \\d+\\.\\d\\d ms \\(no-such-session\\)")
                .contains("switchboard: no session 'nope' is published (no-such-session)");

        Run unknownMethod = cli("call", serverUrl(), "calc", "divide", "{}");
        assertThat(unknownMethod.code()).isEqualTo(6);
        assertThat(unknownMethod.err()).contains("switchboard: session 'calc' has no method 'divide' (unknown-method)");

        Run failing = cli("call", serverUrl(), "calc", "fail", "7");
        assertThat(failing.code()).isEqualTo(7);
        assertThat(failing.err()).contains("division by zero in 7 (handler-error)");

        Run notJson = cli("call", serverUrl(), "calc", "echo", "hello");
        assertThat(notJson.code()).isEqualTo(2);
        assertThat(notJson.err()).startsWith("switchboard: the payload is not JSON");

        Run missing = cli("call", serverUrl(), "calc");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required parameter: 'METHOD'");
    }

    @Test
    void topRefreshesTheView() {
        Run top = cli("top", "--iterations", "2", "--interval", "0.1", monitor());
        assertThat(top.code()).as(top.err()).isZero();
        String[] screens = top.out().split(Pattern.quote("\033[H\033[2J"), -1);
        assertThat(screens).hasSize(3);
        assertThat(screens[0]).isEmpty();
        for (String screen : Arrays.copyOfRange(screens, 1, 3)) {
            assertThat(screen).startsWith("switchboard top - ").contains("calc ", "calc-publisher");
        }
        // Rates need two snapshots: the first screen has none, the second has them.
        assertThat(screens[1]).contains("calls -  in -  out -");
        assertThat(screens[2]).containsPattern("calls \\d+\\.\\d/s");
    }

    @Test
    void drainRefusesNewCallsAndHealthSaysDraining() throws Exception {
        Run drain = cli("drain", monitor());
        assertThat(drain.code()).as(drain.err()).isZero();
        assertThat(drain.out()).startsWith("draining: http://127.0.0.1:" + server.monitorPort());
        assertThat(server.isDraining()).isTrue();

        Run status = cli("status", monitor());
        assertThat(status.code()).isEqualTo(1);
        assertThat(status.out()).containsPattern("(?m)^health +unavailable \\(draining\\)$");

        Run call = cli("call", serverUrl(), "calc", "add", "{\"a\":1,\"b\":1}");
        assertThat(call.code()).isEqualTo(9);
        assertThat(call.err()).contains("(shutting-down)");
    }

    @Test
    void shutdownStopsTheServer() {
        Run shutdown = cli("shutdown", monitor());
        assertThat(shutdown.code()).as(shutdown.err()).isZero();
        assertThat(shutdown.out()).startsWith("shutting down: http://127.0.0.1:" + server.monitorPort());
        Fixtures.await("the server shuts down", server::isShuttingDown);
        String port = monitor();
        Run[] last = {null};
        try {
            Fixtures.await("the monitoring port closes", () -> (last[0] = cli("status", port)).code() == 3);
        } catch (AssertionError e) {
            // Seen once in CI: say what status answered instead, so the next occurrence explains itself.
            throw new AssertionError(e.getMessage() + "; the last status: " + last[0], e);
        }
    }

    @Test
    void kickClosesTheConnectionNamedByItsCid() throws Exception {
        try (SwitchboardClient victim =
                SwitchboardClient.connect(Fixtures.clientOptions(Fixtures.tcpUrl(server), Codec.JSON)
                        .clientName("victim")
                        .reconnect(false)
                        .build())) {
            long cid = -1;
            for (JsonNode c : cli("connections", "--json", monitor()).json().path("connections")) {
                if (c.path("client_name").asText().equals("victim")) {
                    cid = c.path("cid").asLong();
                }
            }
            assertThat(cid).isPositive();
            Run kick = cli("kick", String.valueOf(cid), monitor());
            assertThat(kick.code()).as(kick.err()).isZero();
            assertThat(kick.out()).isEqualTo("kicked connection " + cid + "\n");
            Fixtures.await("the kicked client is disconnected", () -> !victim.isConnected());

            Run again = cli("kick", String.valueOf(cid), monitor());
            assertThat(again.code()).isEqualTo(6);
            assertThat(again.err())
                    .isEqualTo("switchboard: not found: /admin/kick: no connection with cid " + cid + "\n");
        }
    }

    @Test
    void anUnreachableServerIsExit3WithTheReason() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Run status = cli("status", "--monitor", "http://127.0.0.1:" + closed, "--timeout", "5");
        assertThat(status.code()).isEqualTo(3);
        assertThat(status.err())
                .isEqualTo("switchboard: cannot reach the monitoring port at http://127.0.0.1:" + closed
                        + ": connection refused\n");

        Map<String, String> env = new HashMap<>();
        env.put("SWITCHBOARD_MONITOR", "http://127.0.0.1:" + closed);
        assertThat(cli(env, "", "sessions").code()).isEqualTo(3);

        Run call = cli("call", "--server", "tcp://127.0.0.1:" + closed, "--timeout", "2", "calc", "add");
        assertThat(call.code()).isEqualTo(3);
        assertThat(call.err())
                .isEqualTo(
                        "switchboard: cannot reach the server at tcp://127.0.0.1:" + closed + ": connection refused\n");

        Run badUrl = cli("status", "--monitor", "ftp://x");
        assertThat(badUrl.code()).isEqualTo(2);
        assertThat(badUrl.err()).contains("is not a monitoring URL");
    }
}
