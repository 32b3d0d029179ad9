package io.switchboard.benchmarks.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EjbSettingsTest {

    @Test
    void measuredCallsAndSecondsAreSplitOverTheRounds() {
        EjbSettings settings = EjbSettings.fromArgs(new String[] {"--calls=9000", "--seconds=6", "--rounds=3"});
        assertThat(settings.callsPerRound()).isEqualTo(3_000);
        assertThat(settings.secondsPerRound()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.threads()).isEqualTo(EjbSettings.defaults().threads());
        assertThat(settings.inFlight()).as("the rpc workload's window").isEqualTo(64);
        assertThat(settings.pingTimeout()).as("adapter default unless given").isNull();
    }

    @Test
    void pingTimeoutTakesTheAdaptersWholeRangeIncludingZeroAndNever() {
        assertThat(EjbSettings.fromArgs(new String[] {"--ping-timeout=0"}).pingTimeout())
                .isZero();
        assertThat(EjbSettings.fromArgs(new String[] {"--ping-timeout=-1"}).pingTimeout())
                .isEqualTo(-1);
        assertThatThrownBy(() -> EjbSettings.fromArgs(new String[] {"--ping-timeout=soon"}))
                .hasMessageContaining("number");
    }

    @Test
    void sharedConnectionsIsTheAdaptersDefaultUnlessGivenAndZeroIsTheOldLayout() {
        assertThat(EjbSettings.fromArgs(new String[] {}).sharedConnections()).isNull();
        assertThat(EjbSettings.fromArgs(new String[] {"--shared-connections=0"}).sharedConnections())
                .isZero();
        assertThat(EjbSettings.fromArgs(new String[] {"--shared-connections=4"}).sharedConnections())
                .isEqualTo(4);
        assertThatThrownBy(() -> EjbSettings.fromArgs(new String[] {"--shared-connections=-1"}))
                .hasMessageContaining("--shared-connections");
        Path rar = Path.of("/x/switchboard.rar");
        Path war = Path.of("/x/b.war");
        assertThat(SetupScript.text("tcp://127.0.0.1:4711", EjbSettings.fromArgs(new String[] {}), rar, war))
                .doesNotContain("sharedConnections");
        assertThat(SetupScript.text(
                        "tcp://127.0.0.1:4711",
                        EjbSettings.fromArgs(new String[] {"--shared-connections=0"}),
                        rar,
                        war))
                .contains("connection-definitions=Default/config-properties=sharedConnections:add(value=0)");
    }

    @Test
    void inFlightIsItsOwnKnobBesideTheConcurrentCallers() {
        EjbSettings settings = EjbSettings.fromArgs(new String[] {"--in-flight=128", "--threads=8"});
        assertThat(settings.inFlight()).isEqualTo(128);
        assertThat(settings.threads()).isEqualTo(8);
        assertThatThrownBy(() -> EjbSettings.fromArgs(new String[] {"--in-flight=0"}))
                .hasMessageContaining("positive");
    }

    @Test
    void typosAndNonsenseAreRejected() {
        assertThatThrownBy(() -> EjbSettings.fromArgs(new String[] {"--thread=8"}))
                .hasMessageContaining("thread");
        assertThatThrownBy(() -> EjbSettings.fromArgs(new String[] {"--threads=0"}))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> EjbSettings.fromArgs(new String[] {"--calls=2", "--rounds=3"}))
                .hasMessageContaining("--rounds");
    }

    @Test
    void txChoosesTheSubmitWorkloadAndTheAdaptersTransactionSupport() {
        EjbSettings echo = EjbSettings.defaults();
        assertThat(echo.submitWorkload()).isFalse();
        assertThat(echo.transactionSupport()).isEqualTo("NoTransaction");

        EjbSettings xa = EjbSettings.fromArgs(new String[] {"--tx=xa"});
        assertThat(xa.submitWorkload()).isTrue();
        assertThat(xa.transactionSupport()).isEqualTo("XATransaction");
        assertThat(SetupScript.text("tcp://127.0.0.1:4711", xa, Path.of("/x/switchboard.rar"), Path.of("/x/b.war")))
                .contains(
                        "resource-adapter=switchboard:add(archive=switchboard.rar, transaction-support=XATransaction)");

        assertThat(xa.submitMode()).isEqualTo("submit");

        EjbSettings none = EjbSettings.fromArgs(new String[] {"--tx=none"});
        assertThat(none.submitWorkload()).isTrue();
        assertThat(none.transactionSupport()).isEqualTo("NoTransaction");
        assertThat(none.submitMode()).isEqualTo("submit");

        assertThatThrownBy(() -> EjbSettings.fromArgs(new String[] {"--tx=local"}))
                .hasMessageContaining("--tx must be one of [xa, xa-2pc, none]");
    }

    @Test
    void xaTwoPhaseIsTheXaAdapterWithTheBeanEnlistingASecondResource() {
        EjbSettings twoPhase = EjbSettings.fromArgs(new String[] {"--tx=xa-2pc", "--threads=16"});
        assertThat(twoPhase.submitWorkload()).isTrue();
        assertThat(twoPhase.tx()).isEqualTo("xa-2pc");
        assertThat(twoPhase.transactionSupport()).isEqualTo("XATransaction");
        assertThat(twoPhase.submitMode()).isEqualTo("submit-2pc");
        assertThat(SetupScript.text(
                        "tcp://127.0.0.1:4711", twoPhase, Path.of("/x/switchboard.rar"), Path.of("/x/b.war")))
                .contains(
                        "resource-adapter=switchboard:add(archive=switchboard.rar, transaction-support=XATransaction)");

        assertThatThrownBy(() -> EjbSettings.fromArgs(new String[] {"--tx=2pc"}))
                .hasMessageContaining("--tx must be one of [xa, xa-2pc, none]");
    }
}
