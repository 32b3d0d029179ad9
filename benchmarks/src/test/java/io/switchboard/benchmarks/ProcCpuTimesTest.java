package io.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcCpuTimesTest {

    /** /proc/stat of a 2-cpu machine, abridged after the cpu lines. */
    private static final String PROC_STAT = """
            cpu  2316342 50445 507701 2120437 9697 11 34078 7 900 0
            cpu0 1158000 25000 253000 1060000 4800 5 17000 3 450 0
            cpu1 1158342 25445 254701 1060437 4897 6 17078 4 450 0
            intr 123456 0 0
            ctxt 987654
            btime 1733300000
            processes 24679
            """;

    @Test
    void theMachineIsBusyInUserNiceSystemIrqSoftirqAndStealAndIdleInIdleAndIowait() {
        ProcCpuTimes.MachineTicks ticks = ProcCpuTimes.machine(PROC_STAT);
        assertThat(ticks.busy()).isEqualTo(2316342L + 50445 + 507701 + 11 + 34078 + 7);
        assertThat(ticks.total()).isEqualTo(ticks.busy() + 2120437 + 9697);
        assertThat(ticks.cpus()).isEqualTo(2);
    }

    @Test
    void anOldKernelWithoutStealCountsItAsZero() {
        ProcCpuTimes.MachineTicks ticks = ProcCpuTimes.machine("cpu 10 20 30 40\ncpu0 10 20 30 40\n");
        assertThat(ticks.busy()).isEqualTo(60);
        assertThat(ticks.total()).isEqualTo(100);
        assertThat(ticks.cpus()).isEqualTo(1);
    }

    @Test
    void textThatIsNotProcStatIsAnError() {
        assertThatThrownBy(() -> ProcCpuTimes.machine("intr 1 2 3\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not /proc/stat");
        assertThatThrownBy(() -> ProcCpuTimes.machine("cpu a b c d\ncpu0 1 2 3 4\n"))
                .hasMessageContaining("not /proc/stat (the cpu line holds no tick counts): cpu a b c d");
    }

    @Test
    void aProcessCountsUtimeStimeAndItsWaitedForChildren() {
        // Fields 14-17 (utime stime cutime cstime) are 1500 700 30 12.
        String stat = "4242 (java) S 1 4242 4100 0 -1 4194560 9000 0 12 0 1500 700 30 12 20 0 25 0 2533979"
                + " 3133440 417 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
        assertThat(ProcCpuTimes.process(stat)).isEqualTo(1500 + 700 + 30 + 12);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "77 (my (odd) name) R 1 77 77 0 -1 0 0 0 0 0 4 5 6 7 20 0 1 0 100 0 0\n";
        assertThat(ProcCpuTimes.process(stat)).isEqualTo(4 + 5 + 6 + 7);
    }

    @Test
    void textThatIsNotAProcessStatIsAnError() {
        assertThatThrownBy(() -> ProcCpuTimes.process("no name here"))
                .hasMessageContaining("not /proc/<pid>/stat (no command name)");
        assertThatThrownBy(() -> ProcCpuTimes.process("1 (x) S 1 2 3")).hasMessageContaining("fewer than 17 fields");
        assertThatThrownBy(() -> ProcCpuTimes.process("1 (x) S 1 1 1 0 -1 0 0 0 0 0 u s 0 0 20"))
                .hasMessageContaining("fields 14-17 are no tick counts");
    }
}
