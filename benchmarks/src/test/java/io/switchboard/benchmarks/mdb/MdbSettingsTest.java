package io.switchboard.benchmarks.mdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MdbSettingsTest {

    @Test
    void byDefaultEveryCallOfTheWindowReachesTheBean() {
        MdbSettings settings = MdbSettings.fromArgs(new String[0]);
        assertThat(settings.inFlight()).as("the rpc workload's window").isEqualTo(64);
        assertThat(settings.maxConcurrency()).isEqualTo(64);
        assertThat(settings.mdbPool()).isEqualTo(64);
        assertThat(settings.expectsBusy()).isFalse();
        assertThat(settings.transaction()).as("the EJB default").isEqualTo(MdbSettings.Transaction.REQUIRED);
    }

    @Test
    void theTransactionAttributeIsOneOfTwoSpellings() {
        assertThat(MdbSettings.fromArgs(new String[] {"--transaction=not-supported"})
                        .transaction())
                .isEqualTo(MdbSettings.Transaction.NOT_SUPPORTED);
        assertThatThrownBy(() -> MdbSettings.fromArgs(new String[] {"--transaction=NotSupported"}))
                .hasMessageContaining("[required, not-supported]");
    }

    @Test
    void concurrencyAndPoolFollowTheWindowUnlessGiven() {
        MdbSettings window = MdbSettings.fromArgs(new String[] {"--in-flight=32"});
        assertThat(window.maxConcurrency()).isEqualTo(32);
        assertThat(window.mdbPool()).isEqualTo(32);

        MdbSettings capped = MdbSettings.fromArgs(new String[] {"--max-concurrency=16"});
        assertThat(capped.inFlight()).isEqualTo(64);
        assertThat(capped.mdbPool()).as("sized to match the activation").isEqualTo(16);
        assertThat(capped.expectsBusy()).as("the server answers busy beyond 16").isTrue();

        assertThat(MdbSettings.fromArgs(new String[] {"--max-concurrency=16", "--mdb-pool=4"})
                        .mdbPool())
                .isEqualTo(4);
    }

    @Test
    void measuredCallsAndSecondsAreSplitOverTheRounds() {
        MdbSettings settings = MdbSettings.fromArgs(new String[] {"--calls=9000", "--seconds=6", "--rounds=3"});
        assertThat(settings.callsPerRound()).isEqualTo(3_000);
        assertThat(settings.secondsPerRound()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void typosAndNonsenseAreRejected() {
        assertThatThrownBy(() -> MdbSettings.fromArgs(new String[] {"--max-concurency=8"}))
                .hasMessageContaining("max-concurency");
        assertThatThrownBy(() -> MdbSettings.fromArgs(new String[] {"--mdb-pool=0"}))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> MdbSettings.fromArgs(new String[] {"--in-flight=many"}))
                .hasMessageContaining("number");
        assertThatThrownBy(() -> MdbSettings.fromArgs(new String[] {"--calls=2", "--rounds=3"}))
                .hasMessageContaining("--rounds");
        assertThatThrownBy(() -> MdbSettings.fromArgs(new String[] {"--seconds=2", "--rounds=3"}))
                .hasMessageContaining("--seconds");
    }
}
