package io.switchboard.benchmarks.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrontDoorSettingsTest {

    @Test
    void defaultsAreTheDocumentedWorkload() {
        assertThat(FrontDoorSettings.fromArgs(new String[0]))
                .isEqualTo(new FrontDoorSettings(20_000, 5, 30, 3, 1, "auto", 1000, "tcp", false));
    }

    @Test
    void optionsOverrideTheDefaultsAndTyposAreErrors() {
        assertThat(FrontDoorSettings.fromArgs(new String[] {
                    "--lines=500",
                    "--rounds=3",
                    "--repeat=5",
                    "--io-threads=2",
                    "--users-transport=nio",
                    "--users-poll-micros=0",
                    "--users-protocol=websocket"
                }))
                .isEqualTo(new FrontDoorSettings(500, 5, 3, 5, 2, "nio", 0, "websocket", false));
        assertThat(FrontDoorSettings.fromArgs(new String[] {"--users-poll-micros=1000000"})
                        .usersPollMicros())
                .isEqualTo(1_000_000);
        assertThatThrownBy(() -> FrontDoorSettings.fromArgs(new String[] {"--users-poll-micros=-1"}))
                .hasMessage("--users-poll-micros must be 0..1000000 (0: never poll), not -1");
        assertThatThrownBy(() -> FrontDoorSettings.fromArgs(new String[] {"--users-poll-micros=1000001"}))
                .hasMessage("--users-poll-micros must be 0..1000000 (0: never poll), not 1000001");
        assertThatThrownBy(() -> FrontDoorSettings.fromArgs(new String[] {"--users-poll-micros=1ms"}))
                .hasMessage("--users-poll-micros must be a number, not 1ms");
        assertThatThrownBy(() -> FrontDoorSettings.fromArgs(new String[] {"--users-transport=uring"}))
                .hasMessageContaining("--users-transport must be one of [auto, io_uring, epoll, nio], not uring");
        assertThatThrownBy(() -> FrontDoorSettings.fromArgs(new String[] {"--users-protocol=ws"}))
                .hasMessageContaining("--users-protocol must be one of [tcp, websocket], not ws");
        assertThatThrownBy(() -> FrontDoorSettings.fromArgs(new String[] {"--line=500"}))
                .hasMessageContaining("line");
    }

    @Test
    void theFloorComparisonIsTcpOnly() {
        assertThat(FrontDoorSettings.fromArgs(new String[] {"--floor"}).againstFloor())
                .isTrue();
        assertThatThrownBy(() -> FrontDoorSettings.fromArgs(new String[] {"--floor", "--users-protocol=websocket"}))
                .hasMessage("--floor needs --users-protocol=tcp: the floor speaks no websocket");
    }

    @Test
    void theFloorTakesOnlyTheServersIoThreadsFlag() {
        assertThat(FloorDoor.ioThreadsFlag("--io-threads=2 --io-spin-micros=50 --front-door x"))
                .containsExactly("--io-threads=2");
        assertThat(FloorDoor.ioThreadsFlag(null)).isEmpty();
        assertThat(FloorDoor.ioThreadsFlag("  ")).isEmpty();
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

    /** jcmd GC.heap_info of JDK 17 with each collector (a run with -XX:+UseZGC stopped on it before). */
    @Test
    void heapUsedIsReadWhicheverCollectorRuns() throws Exception {
        String parallel = """
                25599:
                 PSYoungGen      total 113152K, used 25895K [0x0000000782700000, 0x000000078a500000, 0x0000000800000000)
                  eden space 97280K, 26% used [0x0000000782700000,0x0000000784049c40,0x0000000788600000)
                  from space 15872K, 0% used [0x0000000789580000,0x0000000789580000,0x000000078a500000)
                 ParOldGen       total 258048K, used 1000K [0x0000000687400000, 0x0000000697000000, 0x0000000782700000)
                  object space 258048K, 0% used [0x0000000687400000,0x0000000687400000,0x0000000697000000)
                 Metaspace       used 9205K, committed 9408K, reserved 1114112K
                  class space    used 1095K, committed 1216K, reserved 1048576K
                """;
        String serial = """
                25526:
                 def new generation   total 116160K, used 16528K [0x0000000687400000, 0x000000068f200000)
                  eden space 103296K,  16% used [0x0000000687400000, 0x0000000688424360, 0x000000068d8e0000)
                 tenured generation   total 258048K, used 2K [0x0000000704d50000, 0x0000000714950000)
                   the space 258048K,   0% used [0x0000000704d50000, 0x0000000704d50000, 0x0000000714950000)
                 Metaspace       used 7925K, committed 8064K, reserved 1114112K
                """;
        String zgc = """
                25676:
                 ZHeap           used 60M, capacity 378M, max capacity 6028M
                 Metaspace       used 9169K, committed 9408K, reserved 1114112K
                """;
        String shenandoah = """
                25719:
                Shenandoah Heap
                 6028M max, 6028M soft max, 378M committed, 26434K used
                 3014 x 2048K regions
                 Metaspace       used 9170K, committed 9408K, reserved 1114112K
                """;
        assertThat(ProcessMemory.heapUsed(parallel)).isEqualTo((25_895L + 1_000) * 1024);
        assertThat(ProcessMemory.heapUsed(serial)).isEqualTo((16_528L + 2) * 1024);
        assertThat(ProcessMemory.heapUsed(zgc)).isEqualTo(60L * 1024 * 1024);
        assertThat(ProcessMemory.heapUsed(shenandoah)).isEqualTo(26_434L * 1024);
    }
}
