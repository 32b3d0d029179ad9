package io.switchboard.benchmarks.ejb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepliesTest {

    @Test
    void samplesAreOneDurationPerLine() {
        assertThat(Replies.samples("1200\n950\n3100000\n")).containsExactly(1200, 950, 3_100_000);
    }

    @Test
    void malformedOrEmptySamplesFailTheRun() {
        assertThatThrownBy(() -> Replies.samples("")).hasMessageContaining("no samples");
        assertThatThrownBy(() -> Replies.samples("100\nERROR\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> Replies.samples("100\n0\n")).hasMessageContaining("positive");
    }

    @Test
    void throughputCountGivesCallsPerSecond() {
        Replies.Count count = Replies.count("calls=30000 nanos=3000000000\n");
        assertThat(count.calls()).isEqualTo(30_000);
        assertThat(count.callsPerSecond()).isEqualTo(10_000.0);
        // Rounds add up: 30 000 + 10 000 calls in 3 s + 1 s.
        assertThat(count.plus(Replies.count("calls=10000 nanos=1000000000")).callsPerSecond())
                .isEqualTo(10_000.0);
    }

    @Test
    void anythingElseIsNotAThroughputAnswer() {
        assertThatThrownBy(() -> Replies.count("java.lang.IllegalStateException: boom"))
                .hasMessageContaining("not a throughput answer");
        assertThatThrownBy(() -> Replies.count("calls=5 nanos=0")).hasMessageContaining("empty");
    }

    @Test
    void roundsAreConcatenatedInOrder() {
        assertThat(Replies.concat(List.of(new long[] {3, 1}, new long[] {}, new long[] {2})))
                .containsExactly(3, 1, 2);
    }
}
