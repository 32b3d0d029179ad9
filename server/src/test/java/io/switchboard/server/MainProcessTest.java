package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.testing.Awaits;
import io.switchboard.testsupport.ListenPorts;
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

    /** Starts {@code Main} with {@code jvmOptions}, waits until it has started, and returns its SWB0001 line. */
    private String startingLine(String... jvmOptions) throws Exception {
        int port = ListenPorts.free();
        Path log = dir.resolve("server-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(jvmOptions));
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
            return Files.readAllLines(log).stream()
                    .filter(line -> line.contains("SWB0001"))
                    .findFirst()
                    .orElseThrow();
        } finally {
            server.destroyForcibly().waitFor();
        }
    }
}
