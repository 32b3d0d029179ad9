package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.Awaits;
import io.switchboard.testsupport.ListenPorts;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as operators run it, in a JVM of its own: the process-wide Netty settings it chooses cannot be seen
 * from this test JVM, whose Netty every other test shares.
 */
class MainProcessTest {

    @TempDir
    Path dir;

    @Test
    void theLauncherTurnsNettysLeakDetectorOffAndSaysSo() throws Exception {
        assertThat(startingLine())
                .contains("SWB0001 starting with ServerConfig[")
                .endsWith("; Netty leak detection disabled");
    }

    @Test
    void anOperatorsLeakDetectionLevelIsKept() throws Exception {
        assertThat(startingLine("-Dio.netty.leakDetection.level=paranoid")).endsWith("; Netty leak detection paranoid");
    }

    @Test
    void theLauncherRaisesNettysRecyclerCapacityBeforeNettyReadsIt() throws Exception {
        assertThat(recyclerCapacityNettyRead()).isEqualTo("65536");
    }

    @Test
    void anOperatorsRecyclerCapacityIsKept() throws Exception {
        assertThat(recyclerCapacityNettyRead("-Dio.netty.recycler.maxCapacityPerThread=1024"))
                .isEqualTo("1024");
    }

    /**
     * The capacity Netty's {@code Recycler} logs when its class is loaded, at debug: what it really uses, which a
     * property set too late would not change. A connection that sends nonsense gets an answer, and writing it loads
     * the class.
     */
    private String recyclerCapacityNettyRead(String... jvmOptions) throws Exception {
        Path logging = dir.resolve("logback-recycler.xml");
        Files.writeString(logging, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%logger %msg%n</pattern></encoder>
                  </appender>
                  <logger name="io.netty.util.Recycler" level="DEBUG"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        List<String> options = new ArrayList<>(List.of("-Dlogback.configurationFile=" + logging));
        options.addAll(List.of(jvmOptions));
        String prefix = "-Dio.netty.recycler.maxCapacityPerThread: ";
        List<String> lines = whileRunning(options, (port, log) -> {
            try (Socket client = new Socket("127.0.0.1", port)) {
                client.setSoTimeout(10_000);
                client.getOutputStream().write("nonsense\n".getBytes(StandardCharsets.US_ASCII));
                client.getInputStream().read(); // the answer, or the close after it
            }
            Awaits.await(
                    Duration.ofSeconds(30),
                    "Netty's Recycler loaded",
                    () -> Files.readString(log).contains(prefix));
        });
        String line = lines.stream().filter(l -> l.contains(prefix)).findFirst().orElseThrow();
        return line.substring(line.indexOf(prefix) + prefix.length()).trim();
    }

    /** Starts {@code Main} with {@code jvmOptions}, waits until it has started, and returns its SWB0001 line. */
    private String startingLine(String... jvmOptions) throws Exception {
        return whileRunning(List.of(jvmOptions), (port, log) -> {}).stream()
                .filter(line -> line.contains("SWB0001"))
                .findFirst()
                .orElseThrow();
    }

    /** What a started server does while it runs, given its port and its log file. */
    private interface WhileRunning {
        void accept(int port, Path log) throws Exception;
    }

    /**
     * Starts {@code Main} with {@code jvmOptions}, waits until it has started, runs {@code then}, stops it and returns
     * its log's lines.
     */
    private List<String> whileRunning(List<String> jvmOptions, WhileRunning then) throws Exception {
        int port = ListenPorts.free();
        Path log = dir.resolve("server-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--port", Integer.toString(port)));
        Process server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            Awaits.await(
                    Duration.ofSeconds(60),
                    "the server process started",
                    () -> Files.readString(log).contains("SWB0003"));
            then.accept(port, log);
            return Files.readAllLines(log);
        } finally {
            server.destroyForcibly().waitFor();
        }
    }
}
