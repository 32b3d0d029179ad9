package io.switchboard.jca.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.InvalidPropertyException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ActivationSpecTest {

    private static SwitchboardActivationSpec spec(Consumer<SwitchboardActivationSpec> change) {
        SwitchboardActivationSpec spec = new SwitchboardActivationSpec();
        spec.setAlias("inventory");
        change.accept(spec);
        return spec;
    }

    private static void rejects(Consumer<SwitchboardActivationSpec> change, String... words) {
        assertThatThrownBy(() -> spec(change).validate())
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContainingAll(words);
    }

    @Test
    void anAliasAloneIsEnoughAndTheDefaultsAreDocumented() throws Exception {
        assertThatCode(() -> spec(s -> {}).validate()).doesNotThrowAnyException();
        ActivationSettings settings = ActivationSettings.of(spec(s -> {}), "tcp://127.0.0.1:7420");
        assertThat(settings.maxConcurrency()).isEqualTo(8);
        assertThat(settings.reconnectInitial().toMillis()).isEqualTo(500);
        assertThat(settings.reconnectMax().toMillis()).isEqualTo(30_000);
        assertThat(settings.drainTimeout().toMillis()).isEqualTo(10_000);
        assertThat(settings.serverUrls()).containsExactly("tcp://127.0.0.1:7420");
    }

    @Test
    void badValuesAreRejectedNamingTheProperty() {
        rejects(s -> s.setAlias(null), "alias", "blank");
        rejects(s -> s.setAlias(" "), "alias");
        rejects(s -> s.setMaxConcurrency(0), "maxConcurrency", "between 1");
        rejects(s -> s.setReconnectInitialMillis(0L), "reconnectInitialMillis");
        rejects(
                s -> {
                    s.setReconnectInitialMillis(5_000L);
                    s.setReconnectMaxMillis(1_000L);
                },
                "reconnectMaxMillis",
                "reconnectInitialMillis");
        rejects(s -> s.setCodec("xml"), "codec", "xml");
        rejects(s -> s.setPolicy("sometimes"), "policy", "sometimes");
        rejects(s -> s.setServerUrls("http://example.com"), "serverUrls", "'inventory'");
        rejects(
                s -> {
                    s.setMethods("reserve,release");
                    s.setIdempotentMethods("restock");
                },
                "idempotentMethods",
                "restock");
        rejects(s -> s.setDrainTimeoutMillis(-1L), "drainTimeoutMillis");
        rejects(s -> s.setMethods("x".repeat(300)), "methods");
    }

    @Test
    void withoutServerUrlsAnywhereTheActivationIsRefused() {
        assertThatThrownBy(() -> ActivationSettings.of(spec(s -> {}), null))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("serverUrls");
    }

    @Test
    void theSpecsOwnServerUrlsWinOverTheAdapters() throws Exception {
        ActivationSettings settings = ActivationSettings.of(
                spec(s -> s.setServerUrls("unix:///run/sb.sock," + " tcp://10.0.0.2:7420")), "tcp://127.0.0.1:7420");
        assertThat(settings.serverUrls()).containsExactly("unix:///run/sb.sock", "tcp://10.0.0.2:7420");
    }

    @Test
    void equalWhenConfiguredAlike() {
        SwitchboardActivationSpec a = spec(s -> s.setMaxConcurrency(4));
        SwitchboardActivationSpec b = spec(s -> s.setMaxConcurrency(4));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(spec(s -> s.setMaxConcurrency(5)));
        assertThat(a).isNotEqualTo(spec(s -> s.setAlias("other")));
        assertThat(a).isNotEqualTo(spec(s -> {
            s.setMaxConcurrency(4);
            s.setPolicy("hold");
        }));
    }
}
