package io.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RpcSettingsTest {

    @Test
    void tlsAndAuthAreBareFlagsOffByDefault() {
        RpcSettings plain = RpcSettings.fromArgs(new String[] {"--calls=10"});
        assertThat(plain.tls()).isFalse();
        assertThat(plain.auth()).isFalse();
        RpcSettings secured = RpcSettings.fromArgs(new String[] {"--tls", "--auth", "--seconds=3"});
        assertThat(secured.tls()).isTrue();
        assertThat(secured.auth()).isTrue();
        assertThat(secured.throughputRun().toSeconds()).isEqualTo(3);
        assertThat(RpcSettings.fromArgs(new String[] {"--tls=false"}).tls()).isFalse();
    }

    @Test
    void metricsIsABareFlagOffByDefault() {
        assertThat(RpcSettings.fromArgs(new String[] {}).metrics()).isFalse();
        assertThat(RpcSettings.fromArgs(new String[] {"--metrics"}).metrics()).isTrue();
    }

    @Test
    void aFlagWithAValueOrAnOptionWithoutOneIsAnError() {
        assertThatThrownBy(() -> RpcSettings.fromArgs(new String[] {"--tls=maybe"}))
                .hasMessageContaining("--tls takes no value");
        assertThatThrownBy(() -> RpcSettings.fromArgs(new String[] {"--calls"}))
                .hasMessageContaining("--calls must be a number");
        assertThatThrownBy(() -> RpcSettings.fromArgs(new String[] {"--tsl"}))
                .hasMessageContaining("unknown option(s): [tsl]");
        assertThatThrownBy(() -> RpcSettings.fromArgs(new String[] {"tls"}))
                .hasMessageContaining("expected --key=value or --flag");
    }

    @Test
    void repeatDefaultsToThreeAndTakesEitherSpelling() {
        assertThat(RpcSettings.fromArgs(new String[] {}).repeat()).isEqualTo(3);
        assertThat(RpcSettings.fromArgs(new String[] {"--repeat=5"}).repeat()).isEqualTo(5);
        RpcSettings spaced = RpcSettings.fromArgs(new String[] {"--repeat", "7", "--tls"});
        assertThat(spaced.repeat()).isEqualTo(7);
        assertThat(spaced.tls()).isTrue();
        assertThat(spaced.withRounds(7).rounds()).isEqualTo(7);
        assertThatThrownBy(() -> RpcSettings.fromArgs(new String[] {"--repeat", "0"}))
                .hasMessageContaining("--repeat must be positive");
    }
}
