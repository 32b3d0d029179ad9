package io.switchboard.benchmarks.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrontDoorSettingsTest {

    @Test
    void defaultsAreTheDocumentedWorkload() {
        assertThat(FrontDoorSettings.fromArgs(new String[0]))
                .isEqualTo(new FrontDoorSettings(20_000, 5, 30, 1, "auto"));
    }

    @Test
    void optionsOverrideTheDefaultsAndTyposAreErrors() {
        assertThat(FrontDoorSettings.fromArgs(
                        new String[] {"--lines=500", "--rounds=3", "--io-threads=2", "--users-transport=nio"}))
                .isEqualTo(new FrontDoorSettings(500, 5, 3, 2, "nio"));
        assertThatThrownBy(() -> FrontDoorSettings.fromArgs(new String[] {"--users-transport=uring"}))
                .hasMessageContaining("--users-transport must be one of [auto, io_uring, epoll, nio], not uring");
        assertThatThrownBy(() -> FrontDoorSettings.fromArgs(new String[] {"--line=500"}))
                .hasMessageContaining("line");
    }

    @Test
    void heapUsedIsReadFromTheWholeHeapLineOfGcHeapInfo() throws Exception {
        String g1 = """
                24409:
                 garbage-first heap   total 264192K, used 53155K [0x0000000681000000, 0x0000000800000000)
                  region size 2048K, 1 young (2048K), 0 survivors (0K)
                 Metaspace       used 20873K, committed 21248K, reserved 1114112K
                """;
        assertThat(ProcessMemory.heapUsed(g1)).isEqualTo(53_155L * 1024);
        assertThatThrownBy(() -> ProcessMemory.heapUsed("24409:\nCould not attach"))
                .hasMessageContaining("GC.heap_info");
    }
}
