package io.switchboard.benchmarks.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoreRoundsTest {

    @Test
    void theStoresAlternateTheirOrderRoundByRound() {
        List<String> stores = List.of("sqlite", "postgres");

        assertThat(StoreRounds.order(stores, 1)).containsExactly("sqlite", "postgres");
        assertThat(StoreRounds.order(stores, 2)).containsExactly("postgres", "sqlite");
        assertThat(StoreRounds.order(stores, 3)).containsExactly("sqlite", "postgres");
        assertThat(StoreRounds.order(List.of("sqlite"), 2)).containsExactly("sqlite");
    }

    @Test
    void eachStoreGetsItsMedianWithTheSpreadAndTheIssue18Verdict() {
        StoreRounds rounds = new StoreRounds(List.of("sqlite", "postgres"));
        rounds.record("sqlite", 27_000);
        rounds.record("postgres", 18_000);
        rounds.record("postgres", 19_500);
        rounds.record("sqlite", 31_000);
        rounds.record("sqlite", 24_000);
        rounds.record("postgres", 26_000);

        assertThat(rounds.summary())
                .containsExactly(
                        "median sqlite durable_calls_per_s=27000 (24000-31000) (median (min-max) of 3 rounds)",
                        "target median sqlite >= 25000 durable calls/s (issue 18): met",
                        "median postgres durable_calls_per_s=19500 (18000-26000) (median (min-max) of 3 rounds)",
                        "target median postgres >= 25000 durable calls/s (issue 18): NOT met");
    }

    @Test
    void aStoreWhoseEveryRoundFailedHasNoMedianLine() {
        StoreRounds rounds = new StoreRounds(List.of("sqlite", "postgres"));
        rounds.record("sqlite", 26_000);

        assertThat(rounds.summary()).hasSize(2).allMatch(line -> line.contains("sqlite"));
    }

    @Test
    void aStoreNotInTheRunIsRefused() {
        StoreRounds rounds = new StoreRounds(List.of("sqlite"));

        assertThatThrownBy(() -> rounds.record("postgres", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgres");
    }

    @Test
    void repeatIsOneByDefaultAndOnlyForAsyncCalls() {
        assertThat(DurableSettings.fromArgs(new String[0]).repeat()).isEqualTo(1);
        assertThat(DurableSettings.fromArgs(new String[] {"--mode=async", "--repeat", "3"})
                        .repeat())
                .isEqualTo(3);
        assertThatThrownBy(() -> DurableSettings.fromArgs(new String[] {"--repeat=3"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--mode=async");
        assertThatThrownBy(() -> DurableSettings.fromArgs(new String[] {"--mode=held", "--repeat=2"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
