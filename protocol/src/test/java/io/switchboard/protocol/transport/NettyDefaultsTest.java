package io.switchboard.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NettyDefaultsTest {

    private ResourceLeakDetector.Level before;

    @BeforeEach
    void rememberLevel() {
        before = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @AfterEach
    void restoreLevel() {
        ResourceLeakDetector.setLevel(before);
    }

    @Test
    void withoutTheOperatorsSettingTheLeakDetectorIsTurnedOff() {
        assertThat(NettyDefaults.apply(new Properties())).isEqualTo(ResourceLeakDetector.Level.DISABLED);
        assertThat(ResourceLeakDetector.isEnabled()).isFalse();
    }

    @Test
    void anOperatorsLevelIsKept() {
        Properties properties = new Properties();
        properties.setProperty("io.netty.leakDetection.level", "paranoid");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID); // what Netty read from that property

        assertThat(NettyDefaults.apply(properties)).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void theOlderSpellingOfThePropertyCountsToo() {
        Properties properties = new Properties();
        properties.setProperty("io.netty.leakDetectionLevel", "simple");

        assertThat(NettyDefaults.apply(properties)).isEqualTo(ResourceLeakDetector.Level.SIMPLE);
    }
}
