package io.switchboard.benchmarks.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchWarTest {

    @Test
    void bundlesThePlainClientWithNettyButNoNativeEpollAndNothingElse() {
        String classPath = String.join(
                File.pathSeparator,
                "/lib/switchboard-client-0.1.0-SNAPSHOT.jar",
                "/lib/switchboard-protocol-0.1.0-SNAPSHOT.jar",
                "/lib/switchboard-server-0.1.0-SNAPSHOT.jar",
                "/lib/netty-transport-4.2.18.Final.jar",
                "/lib/netty-transport-classes-epoll-4.2.18.Final.jar",
                "/lib/netty-transport-native-epoll-4.2.18.Final-linux-x86_64.jar",
                "/lib/jackson-databind-2.22.4.jar",
                "/lib/logback-classic-1.5.18.jar",
                "/target/classes");

        assertThat(BenchWar.clientJars(classPath))
                .extracting(jar -> jar.getFileName().toString())
                .containsExactly(
                        "switchboard-client-0.1.0-SNAPSHOT.jar",
                        "switchboard-protocol-0.1.0-SNAPSHOT.jar",
                        "netty-transport-4.2.18.Final.jar",
                        "netty-transport-classes-epoll-4.2.18.Final.jar");
    }

    @Test
    void aClassPathWithoutTheClientIsAnError() {
        assertThatThrownBy(() -> BenchWar.clientJars(String.join(
                        File.pathSeparator,
                        List.of(Path.of("/lib/netty-transport-4.2.18.Final.jar").toString()))))
                .hasMessageContaining("switchboard-client-");
    }
}
