package io.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.server.config.ConfigLoader;
import io.switchboard.server.config.ConfigOption;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RpcMetricsTest {

    @Test
    void theBaselineTurnsMetricsOffAndTheDefaultPassesNothing() {
        assertThat(RpcMetrics.OFF.serverArgs()).containsExactly("--metrics=false");
        assertThat(RpcMetrics.DEFAULT.serverArgs()).isEmpty();
        try (MonitorScraper none = RpcMetrics.OFF.scraper()) {
            assertThat(none.describe()).isEqualTo("not scraped");
        }
    }

    @Test
    void metricsOnAddTheMonitoringPortWhenTheServerHasIt() throws Exception {
        RpcMetrics on = RpcMetrics.on();
        assertThat(on.serverArgs()).contains("--metrics=true");
        if (RpcMetrics.serverHasMonitorPort()) {
            assertThat(on.serverArgs()).anyMatch(arg -> arg.startsWith("--monitor-port="));
        } else {
            assertThat(on.serverArgs()).containsExactly("--metrics=true");
            assertThat(on.describe()).contains("no monitor-port option");
        }
    }

    @Test
    void theServerReadsTheBaselinesFlag() {
        // A misspelt flag would stop the server at start; the value must be one the server reads as off.
        String flag = RpcMetrics.OFF.serverArgs().get(0);
        assertThat(flag).startsWith(ConfigOption.METRICS.flag() + "=");
        String value = flag.substring(flag.indexOf('=') + 1);
        assertThat(ConfigLoader.load(null, Map.of(), Map.of(ConfigOption.METRICS, value))
                        .server()
                        .metrics())
                .isFalse();
    }
}
