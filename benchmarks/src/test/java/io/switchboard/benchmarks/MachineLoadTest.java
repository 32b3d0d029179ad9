package io.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MachineLoadTest {

    @Test
    void readsTheOneMinuteAverageFromProcLoadavg() {
        MachineLoad load = MachineLoad.parse("8.08 10.01 10.25 12/249 5881\n", 2);
        assertThat(load.oneMinute()).isEqualTo(8.08);
        assertThat(load.cores()).isEqualTo(2);
    }

    @Test
    void theLoadIsPrintedAndFlagsNothingEvenAboveTheCoreCount() {
        // The benchmark's own processes keep the load above 2 on 2 cores; OtherWork flags rounds instead.
        assertThat(MachineLoad.parse("2.01 0.50 0.40 3/200 99", 2).describe()).isEqualTo("load=2.01 cores=2");
        assertThat(MachineLoad.parse("0.35 0.2 0.1 1/1 1", 2).describe()).isEqualTo("load=0.35 cores=2");
    }

    @Test
    void aRoundKeepsTheHeavierOfItsReadingsAndAnUnknownOneIsSaid() {
        MachineLoad light = new MachineLoad(0.5, 2);
        MachineLoad heavy = new MachineLoad(3.0, 2);
        MachineLoad unknown = new MachineLoad(Double.NaN, 2);
        assertThat(MachineLoad.heavier(light, heavy)).isEqualTo(heavy);
        assertThat(MachineLoad.heavier(heavy, light)).isEqualTo(heavy);
        assertThat(MachineLoad.heavier(unknown, light)).isEqualTo(light);
        assertThat(MachineLoad.heavier(light, unknown)).isEqualTo(light);
        assertThat(unknown.describe()).isEqualTo("load=unknown cores=2");
    }

    @Test
    void textThatIsNoLoadAverageIsAnError() {
        assertThatThrownBy(() -> MachineLoad.parse("busy 1 2", 2)).hasMessageContaining("not a load average: busy");
    }
}
