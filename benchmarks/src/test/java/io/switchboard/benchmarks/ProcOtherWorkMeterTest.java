package io.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcOtherWorkMeterTest {

    /** /proc files whose text is read in turn, one per reading; a path with nothing left is not there. */
    private static final class ScriptedProc implements ProcOtherWorkMeter.ProcFiles {
        final Map<String, Deque<String>> texts = new HashMap<>();

        ScriptedProc then(String path, String text) {
            texts.computeIfAbsent(path, p -> new ArrayDeque<>()).add(text);
            return this;
        }

        @Override
        public String read(String path) throws IOException {
            Deque<String> left = texts.get(path);
            if (left == null || left.isEmpty()) {
                throw new NoSuchFileException(path);
            }
            return left.pop();
        }
    }

    /** /proc/stat of 2 cpus with {@code busy} ticks in user and {@code idle} in idle. */
    private static String procStat(long busy, long idle) {
        return "cpu  " + busy + " 0 0 " + idle + " 0 0 0 0 0 0\ncpu0 0 0 0 0 0 0 0 0 0 0\ncpu1 0 0 0 0 0 0 0 0 0 0\n";
    }

    /** /proc/&lt;pid&gt;/stat with {@code utime} ticks (stime, cutime and cstime 0). */
    private static String pidStat(long pid, long utime) {
        return pid + " (java) S 1 1 1 0 -1 0 0 0 0 0 " + utime + " 0 0 0 20 0 10 0 100 0 0\n";
    }

    @Test
    void otherWorkIsTheMachinesBusyTicksMinusOursAsAShareOfAllTicksTimesTheCpus() {
        // Over the span: 1000 ticks in all (5 s on 2 cpus at 100 Hz), 600 busy; our two processes used 450 of them.
        ScriptedProc proc = new ScriptedProc()
                .then("/proc/stat", procStat(10_000, 10_000))
                .then("/proc/stat", procStat(10_600, 10_400))
                .then("/proc/1/stat", pidStat(1, 2_000))
                .then("/proc/1/stat", pidStat(1, 2_300))
                .then("/proc/2/stat", pidStat(2, 500))
                .then("/proc/2/stat", pidStat(2, 650));
        ProcOtherWorkMeter meter = new ProcOtherWorkMeter(proc, () -> List.of(1L, 2L));

        OtherWork other = meter.start().end();

        // (600 - 450) / 1000 * 2 cpus = 0.3 cores.
        assertThat(other.cores()).isCloseTo(0.3, within(1e-9));
        assertThat(other.disturbed()).isTrue();
    }

    @Test
    void aProcessStartedDuringTheSpanCountsAllItsTicksAsOurs() {
        ProcOtherWorkMeter.Reading before =
                new ProcOtherWorkMeter.Reading(new ProcCpuTimes.MachineTicks(0, 0, 2), Map.of(1L, 100L));
        ProcOtherWorkMeter.Reading after = new ProcOtherWorkMeter.Reading(
                new ProcCpuTimes.MachineTicks(500, 1_000, 2), Map.of(1L, 300L, 7L, 250L));
        // 500 busy - (200 + 250) ours = 50 of 1000 ticks, on 2 cpus.
        assertThat(ProcOtherWorkMeter.between(before, after).cores()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void oursAboveTheMachinesBusyTicksIsClampedAtZero() {
        ProcOtherWorkMeter.Reading before =
                new ProcOtherWorkMeter.Reading(new ProcCpuTimes.MachineTicks(0, 0, 2), Map.of(1L, 0L));
        ProcOtherWorkMeter.Reading after =
                new ProcOtherWorkMeter.Reading(new ProcCpuTimes.MachineTicks(400, 1_000, 2), Map.of(1L, 403L));
        OtherWork other = ProcOtherWorkMeter.between(before, after);
        assertThat(other.cores()).isEqualTo(0.0);
        assertThat(other.describe()).isEqualTo("other_cpu=0.00");
    }

    @Test
    void aSpanWithNoTickGoneByIsUnknown() {
        ProcOtherWorkMeter.Reading same =
                new ProcOtherWorkMeter.Reading(new ProcCpuTimes.MachineTicks(400, 1_000, 2), Map.of());
        assertThat(ProcOtherWorkMeter.between(same, same).known()).isFalse();
    }

    @Test
    void anUnreadableProcStatMakesTheSpanUnknownAndNeverFlagged() {
        ScriptedProc proc =
                new ScriptedProc().then("/proc/1/stat", pidStat(1, 5)).then("/proc/1/stat", pidStat(1, 9));
        ProcOtherWorkMeter meter = new ProcOtherWorkMeter(proc, () -> List.of(1L));

        OtherWork other = meter.start().end();

        assertThat(other.known()).isFalse();
        assertThat(other.disturbed()).isFalse();
        assertThat(other.describe()).isEqualTo("other_cpu=unknown");
    }

    @Test
    void aProcessGoneBeforeItCouldBeReadIsLeftOut() {
        ScriptedProc proc =
                new ScriptedProc().then("/proc/stat", procStat(0, 0)).then("/proc/1/stat", pidStat(1, 40));
        ProcOtherWorkMeter meter = new ProcOtherWorkMeter(proc, () -> List.of(1L, 2L));

        assertThat(meter.read())
                .hasValueSatisfying(reading -> assertThat(reading.ownTicks()).containsExactly(Map.entry(1L, 40L)));
    }

    @Test
    void onThisMachineTheRealProcIsReadWhereThereIsOne() {
        ProcOtherWorkMeter meter = ProcOtherWorkMeter.forThisJvm();
        if (new java.io.File("/proc/stat").canRead()) {
            assertThat(meter.read()).hasValueSatisfying(reading -> {
                assertThat(reading.machine().cpus()).isPositive();
                assertThat(reading.ownTicks())
                        .containsKey(ProcessHandle.current().pid());
            });
        } else {
            assertThat(meter.read()).isEmpty();
        }
    }
}
