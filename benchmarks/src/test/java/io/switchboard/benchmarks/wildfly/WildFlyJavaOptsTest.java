package io.switchboard.benchmarks.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WildFlyJavaOptsTest {

    @Test
    void theLeakDetectorIsOffAsInProduction() {
        assertThat(WildFlyJavaOpts.of(Map.of())).isEqualTo("-Dio.netty.leakDetection.level=disabled");
    }

    @Test
    void theOperatorsOptionsComeLastSoTheyWin() {
        assertThat(WildFlyJavaOpts.of(Map.of("BENCH_WILDFLY_JAVA_OPTS", "-Dio.netty.leakDetection.level=simple")))
                .isEqualTo("-Dio.netty.leakDetection.level=disabled -Dio.netty.leakDetection.level=simple");
    }
}
