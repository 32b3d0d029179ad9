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
    void metricsOnGiveEachRunAMonitoringPortOfItsOwn() throws Exception {
        RpcMetrics on = RpcMetrics.on(java.time.Duration.ofSeconds(15));
        assertThat(on.serverArgs()).containsExactly("--metrics=true");
        RpcMetrics first = on.forRun();
        RpcMetrics second = on.forRun();
        assertThat(first.serverArgs()).contains("--metrics=true").anyMatch(arg -> arg.startsWith("--monitor-port="));
        assertThat(second.serverArgs()).anyMatch(arg -> arg.startsWith("--monitor-port="));
        assertThat(first.serverArgs()).isNotEqualTo(second.serverArgs());
        assertThat(first.describe()).contains("scraped every 15 s").contains("/metrics");
        assertThat(RpcMetrics.OFF.forRun()).isSameAs(RpcMetrics.OFF);
        assertThat(ConfigOption.MONITOR_PORT.flag()).isEqualTo("--monitor-port");
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
