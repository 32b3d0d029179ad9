package io.switchboard.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class RecyclerCapacityTest {

    @Test
    void withoutTheOperatorsSettingTheRecyclerKeepsEnoughForALargeBroadcast() {
        Properties properties = new Properties();

        assertThat(RecyclerCapacity.raise(properties)).isEqualTo("65536");
        assertThat(properties.getProperty("io.netty.recycler.maxCapacityPerThread"))
                .isEqualTo("65536");
    }

    @Test
    void anOperatorsRecyclerCapacityIsKeptInEitherSpelling() {
        Properties current = new Properties();
        current.setProperty("io.netty.recycler.maxCapacityPerThread", "1024");
        Properties older = new Properties();
        older.setProperty("io.netty.recycler.maxCapacity", "0");

        assertThat(RecyclerCapacity.raise(current)).isEqualTo("1024");
        assertThat(RecyclerCapacity.raise(older)).isEqualTo("0");
        assertThat(older.getProperty("io.netty.recycler.maxCapacityPerThread"))
                .as("the older spelling is left to Netty")
                .isNull();
    }
}
