package io.switchboard.benchmarks.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BroadcastBlocksTest {

    /** {@code count} rounds of {@code fromMs}, {@code fromMs + 1}, … milliseconds. */
    private static LongStream rising(long fromMs, int count) {
        return LongStream.range(fromMs, fromMs + count).map(TimeUnit.MILLISECONDS::toNanos);
    }

    private static long[] rounds(LongStream... blocks) {
        return LongStream.concat(LongStream.concat(blocks[0], blocks[1]), blocks[2])
                .toArray();
    }

    @Test
    void aSlowSpellInOneBlockMovesThatBlocksP99AndNotTheMedian() {
        // Blocks of 30 rounds: 100-129 ms, a spell at 300-329 ms, 110-139 ms.
        BroadcastBlocks blocks = new BroadcastBlocks(rounds(rising(100, 30), rising(300, 30), rising(110, 30)), 30);
        assertThat(blocks.blocks()).isEqualTo(3);
        assertThat(blocks.block(1).percentileMicros(99)).isEqualTo(329_000.0);
        assertThat(blocks.percentileMillis(99).median()).isEqualTo(139.0);
        assertThat(blocks.pooled().percentileMicros(99)).isEqualTo(329_000.0);
        assertThat(blocks.medianLine(19_700))
                .isEqualTo("median broadcast fan-out to 19700 lines: p50_ms=124.0 (114.0-314.0)"
                        + " p99_ms=139.0 (129.0-329.0) (median (min-max) of 3 blocks of 30 rounds)");
        assertThat(blocks.targetLine(19_700))
                .isEqualTo("target median p99 <= 250 ms at 20000 lines (issue 18): met (measured at 19700 lines)");
        assertThat(blocks.targetLine(20_000)).isEqualTo("target median p99 <= 250 ms at 20000 lines (issue 18): met");
    }

    @Test
    void twoSlowBlocksOfThreeMissTheTarget() {
        BroadcastBlocks blocks = new BroadcastBlocks(rounds(rising(240, 30), rising(300, 30), rising(100, 30)), 30);
        assertThat(blocks.percentileMillis(99).median()).isEqualTo(269.0);
        assertThat(blocks.targetLine(20_000)).endsWith("(issue 18): NOT met");
    }

    @Test
    void farFewerLinesThanTheTargetAreNotJudged() {
        BroadcastBlocks blocks = new BroadcastBlocks(rounds(rising(10, 4), rising(10, 4), rising(10, 4)), 4);
        assertThat(blocks.targetLine(500)).endsWith("(issue 18): not judged (measured at 500 lines)");
    }

    @Test
    void theFloorRatioIsTakenPairByPairThenItsMedian() {
        // Pair 2 fell in a slow spell: both sides slower, the pair's ratio as the others'.
        BroadcastBlocks switchboard =
                new BroadcastBlocks(rounds(rising(120, 30), rising(240, 30), rising(130, 30)), 30);
        BroadcastBlocks floor = new BroadcastBlocks(rounds(rising(100, 30), rising(200, 30), rising(100, 30)), 30);
        assertThat(switchboard.blockPercentiles(99)).containsExactly(149.0, 269.0, 159.0);
        // p50: 134/114, 254/214, 144/114; p99: 149/129, 269/229, 159/129
        assertThat(FloorComparison.ratioLine(switchboard, floor))
                .isEqualTo("ratio switchboard/floor per pair of blocks: p50=1.19 (1.18-1.26) p99=1.17 (1.16-1.23)");
    }

    @Test
    void theRoundsMustMakeWholeBlocks() {
        assertThatThrownBy(() -> new BroadcastBlocks(new long[31], 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("31 rounds do not make whole blocks of 30");
    }

    @Test
    void theRoundsAreCopiedNotSorted() {
        long[] nanos = rounds(rising(300, 2), rising(100, 2), rising(200, 2));
        long[] before = nanos.clone();
        BroadcastBlocks blocks = new BroadcastBlocks(nanos, 2);
        blocks.pooled();
        assertThat(nanos).containsExactly(before);
        assertThat(blocks.block(0).percentileMicros(50)).isEqualTo(300_000.0);
    }
}
