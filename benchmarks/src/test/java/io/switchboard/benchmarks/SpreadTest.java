package io.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void anOddCountHasItsMiddleValueAsMedianWhateverTheOrder() {
        Spread spread = Spread.of(List.of(210.0, 190.0, 450.0));
        assertThat(spread.median()).isEqualTo(210.0);
        assertThat(spread.min()).isEqualTo(190.0);
        assertThat(spread.max()).isEqualTo(450.0);
        assertThat(spread.count()).isEqualTo(3);
    }

    @Test
    void anEvenCountHasTheMeanOfItsTwoMiddleValues() {
        Spread spread = Spread.of(List.of(4.0, 1.0, 3.0, 100.0));
        assertThat(spread.median()).isEqualTo(3.5);
        assertThat(spread.min()).isEqualTo(1.0);
        assertThat(spread.max()).isEqualTo(100.0);
    }

    @Test
    void oneValueIsItsOwnMedianAndSpread() {
        Spread spread = Spread.of(List.of(7.0));
        assertThat(spread.median()).isEqualTo(7.0);
        assertThat(spread.format(1)).isEqualTo("7.0 (7.0-7.0)");
    }

    @Test
    void ratiosAreTakenRoundByRoundBeforeTheMedian() {
        // Round 2 is slow for both sides: per round the ratio stays 0.5, which pooled medians would blur.
        Spread ratio = Spread.ofRatios(List.of(100.0, 400.0, 110.0), List.of(200.0, 800.0, 200.0));
        assertThat(ratio.median()).isEqualTo(0.5);
        assertThat(ratio.min()).isEqualTo(0.5);
        assertThat(ratio.max()).isEqualTo(0.55);
        assertThat(ratio.format(2)).isEqualTo("0.50 (0.50-0.55)");
    }

    @Test
    void badInputIsRefusedWithAClearError() {
        assertThatThrownBy(() -> Spread.of(List.of())).hasMessageContaining("no values");
        assertThatThrownBy(() -> Spread.of(List.of(1.0, Double.NaN))).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Spread.ofRatios(List.of(1.0, 2.0), List.of(1.0)))
                .hasMessageContaining("2 rounds against 1");
    }
}
