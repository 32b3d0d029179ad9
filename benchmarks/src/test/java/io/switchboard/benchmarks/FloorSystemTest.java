package io.switchboard.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FloorSystemTest {

    @Test
    void theFloorTakesTheServersIoFlagsAndNoOthers() {
        assertThat(FloorSystem.serverIoFlags(
                        " --io-threads=2  --metrics=false --io-spin-micros=20 --io-spin-max-calls-per-second=9000 "))
                .containsExactly("--io-threads=2", "--io-spin-micros=20", "--io-spin-max-calls-per-second=9000");
        assertThat(FloorSystem.serverIoFlags(null)).isEmpty();
        assertThat(FloorSystem.serverIoFlags("")).isEmpty();
    }
}
