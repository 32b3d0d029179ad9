package io.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OtherWorkTest {

    @Test
    void aQuietRoundIsPrintedWithoutAFlag() {
        OtherWork quiet = new OtherWork(0.07);
        assertThat(quiet.disturbed()).isFalse();
        assertThat(quiet.describe()).isEqualTo("other_cpu=0.07");
    }

    @Test
    void moreThanAQuarterOfACoreIsDisturbedAndExactlyAQuarterIsNot() {
        assertThat(OtherWork.DISTURBED_ABOVE_CORES).isEqualTo(0.25);
        assertThat(new OtherWork(0.25).disturbed()).isFalse();
        OtherWork busy = new OtherWork(0.31);
        assertThat(busy.disturbed()).isTrue();
        assertThat(busy.describe()).isEqualTo("other_cpu=0.31 DISTURBED (other work used 0.31 cores)");
    }

    @Test
    void unknownIsSaidAndNeverFlagged() {
        assertThat(OtherWork.UNKNOWN.known()).isFalse();
        assertThat(OtherWork.UNKNOWN.disturbed()).isFalse();
        assertThat(OtherWork.UNKNOWN.describe()).isEqualTo("other_cpu=unknown");
    }

    @Test
    void aRoundIsTheMeanOfItsKnownSlices() {
        assertThat(OtherWork.mean(List.of(new OtherWork(0.1), new OtherWork(0.5)))
                        .cores())
                .isEqualTo(0.3);
        assertThat(OtherWork.mean(List.of(OtherWork.UNKNOWN, new OtherWork(0.4)))
                        .cores())
                .isEqualTo(0.4);
        assertThat(OtherWork.mean(List.of(OtherWork.UNKNOWN, OtherWork.UNKNOWN)).known())
                .isFalse();
    }
}
