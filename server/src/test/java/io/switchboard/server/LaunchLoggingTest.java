package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The launcher's own logging set-up (log-format, log-file, log-syslog-*), with Main run in-process. The build runs
 * tests with -Dlogback.configurationFile=logback-test.xml, which makes Main leave logging alone; these tests clear
 * it first and put the test logging back afterwards.
 */
class LaunchLoggingTest {

    private static final long DEADLINE_MS = 30_000;
    /** LOCAL3 is facility 19: PRI = 19 * 8 + severity (6 informational, 4 warning, 3 error). */
    private static final int LOCAL3 = 19 * 8;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String explicitConfig;
    private final List<SwitchboardServer> started = new ArrayList<>();

    @BeforeEach
    void letTheLauncherConfigureLogging() {
        explicitConfig = System.clearProperty("logback.configurationFile");
    }

    @AfterEach
    void restoreTheTestLogging() throws Exception {
        for (SwitchboardServer server : started) {
            server.close();
        }
        if (explicitConfig != null) {
            System.setProperty("logback.configurationFile", explicitConfig);
        }
        System.clearProperty("switchboard.log.level");
        System.clearProperty("switchboard.log.file");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private record Run(int code, String err) {}

    private Run run(String... args) {
        StringWriter err = new StringWriter();
        Main main = new Main(Map.of());
        CommandLine commandLine = main.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        if (main.server() != null) {
            started.add(main.server());
        }
        return new Run(code, err.toString());
    }

    private List<String> serverArgs(String... more) {
        List<String> args = new ArrayList<>(
                List.of("--port", "0", "--data-dir", dir.resolve("data").toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void syslogGetsRfc3164LinesWithTheFacilityAndSeverityAlongsideTheLogFile() throws Exception {
        try (DatagramSocket syslog = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Path file = dir.resolve("server.log");
            Run run = run(serverArgs(
                            "--admin-token", // deprecated: logs WARN SWB0603 at start
                            "s3cret",
                            "--log-file",
                            file.toString(),
                            "--log-syslog-host",
                            "127.0.0.1:" + syslog.getLocalPort(),
                            "--log-syslog-facility",
                            "local3")
                    .toArray(String[]::new));
            assertThat(run.code()).as(run.err()).isZero();

            Pattern rfc3164 =
                    Pattern.compile("<\\d{1,3}>[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\S+ switchboard: .*");
            String listening = receive(syslog, line -> line.contains("SWB0101 listening on tcp://127.0.0.1:"));
            assertThat(listening).matches(rfc3164).startsWith("<" + (LOCAL3 + 6) + ">");
            String warning = receive(syslog, line -> line.contains("SWB0603 admin-token is deprecated"));
            assertThat(warning).matches(rfc3164).startsWith("<" + (LOCAL3 + 4) + ">");
            LoggerFactory.getLogger("syslog-test").error("an error for syslog");
            assertThat(receive(syslog, line -> line.contains("an error for syslog")))
                    .startsWith("<" + (LOCAL3 + 3) + ">");
            // The file gets the same lines, as text.
            assertThat(Files.readString(file)).contains(" INFO ").contains("SWB0101 listening on tcp://");
        }
    }

    /**
     * The first datagram the predicate accepts, among those received so far (kept in {@code received}, in order)
     * and those still to come; fails at the deadline.
     */
    private final List<String> received = new ArrayList<>();

    private String receive(DatagramSocket socket, Predicate<String> wanted) throws Exception {
        for (String line : received) {
            if (wanted.test(line)) {
                return line;
            }
        }
        socket.setSoTimeout(500);
        long deadline = System.nanoTime() + DEADLINE_MS * 1_000_000;
        byte[] buffer = new byte[65_536];
        while (System.nanoTime() < deadline) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            }
            String line = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            received.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
        throw new AssertionError("no such syslog line within " + DEADLINE_MS + " ms; got " + received);
    }

    @Test
    void jsonLinesInTheLogFile() throws Exception {
        Path file = dir.resolve("server.json");
        Run run = run(serverArgs("--log-format", "json", "--log-file", file.toString())
                .toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        LoggerFactory.getLogger("json-test").error("two\nlines", new IllegalStateException("broken"));

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(JSON.readTree(line)); // every line is one JSON object
        }
        JsonNode listening = lines.stream()
                .filter(n -> n.path("id").asText().equals("SWB0101"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no SWB0101 line in " + lines));
        assertThat(listening.get("level").asText()).isEqualTo("INFO");
        assertThat(listening.get("logger").asText()).isEqualTo(SwitchboardServer.class.getName());
        assertThat(listening.get("thread").asText()).isNotEmpty();
        assertThat(listening.get("message").asText()).startsWith("listening on tcp://127.0.0.1:");
        assertThat(Instant.parse(listening.get("timestamp").asText()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(listening.has("exception")).isFalse();

        JsonNode error = lines.stream()
                .filter(n -> n.get("logger").asText().equals("json-test"))
                .findFirst()
                .orElseThrow();
        assertThat(error.get("level").asText()).isEqualTo("ERROR");
        assertThat(error.get("message").asText()).isEqualTo("two\nlines");
        assertThat(error.has("id")).isFalse();
        assertThat(error.get("exception").asText())
                .startsWith("java.lang.IllegalStateException: broken")
                .contains("LaunchLoggingTest");
    }

    @Test
    void jsonOnTheConsoleWithSyslog() throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DatagramSocket syslog = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            Run run = run(serverArgs("--log-format", "JSON", "--log-syslog-host", "127.0.0.1:" + syslog.getLocalPort())
                    .toArray(String[]::new));
            assertThat(run.code()).as(run.err()).isZero();
            // Facility USER (1) by default: INFO is <14>.
            assertThat(receive(syslog, line -> line.contains("SWB0003 started")))
                    .startsWith("<14>");
        } finally {
            System.setOut(console);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).anySatisfy(n -> {
            assertThat(n.path("id").asText()).isEqualTo("SWB0003");
            assertThat(n.path("message").asText()).startsWith("started 'switchboard' in ");
        });
    }

    @Test
    void aWrongFacilityOrSyslogHostStopsTheStartNamingTheOption() {
        Run facility = run(serverArgs("--log-syslog-facility", "local9").toArray(String[]::new));
        assertThat(facility.code()).isEqualTo(2);
        assertThat(facility.err())
                .contains("invalid value 'local9' for log-syslog-facility from command line --log-syslog-facility")
                .contains("LOCAL7");
        Run port = run(serverArgs("--log-syslog-host", "127.0.0.1:0").toArray(String[]::new));
        assertThat(port.code()).isEqualTo(2);
        assertThat(port.err()).contains("log-syslog-host").contains("port must be 1..65535");
        Run format = run(serverArgs("--log-format", "xml").toArray(String[]::new));
        assertThat(format.code()).isEqualTo(2);
        assertThat(format.err()).contains("log-format").contains("expected text or json");
        Run unknownHost =
                run(serverArgs("--log-syslog-host", "no-such-host.invalid").toArray(String[]::new));
        assertThat(unknownHost.code()).isEqualTo(2);
        assertThat(unknownHost.err())
                .contains("cannot set up logging (log-syslog-host no-such-host.invalid:514)")
                .contains("no-such-host.invalid");
        assertThat(started).isEmpty();
    }

    @Test
    void anUnwritableLogFileStopsTheStart() {
        Run run = run(serverArgs("--log-file", dir.toString()).toArray(String[]::new)); // a directory
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("cannot set up logging (log-file " + dir + ")");
        assertThat(started).isEmpty();
    }

    @Test
    void anExplicitLogbackConfigurationWins() throws Exception {
        System.setProperty("logback.configurationFile", "logback-test.xml");
        Path file = dir.resolve("unused.log");
        Run run = run(serverArgs("--log-format", "json", "--log-file", file.toString())
                .toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(file).doesNotExist();
        assertThat(System.getProperty("switchboard.log.file"))
                .isEqualTo(file.toAbsolutePath().toString());
    }
}
