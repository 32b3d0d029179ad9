package io.switchboard.protocol.transport;

import io.netty.util.ResourceLeakDetector;
import java.util.Properties;

/**
 * The Netty settings chosen by whoever owns the Netty in use, each one only where the operator did not set its system
 * property. Applied by the server's launcher ({@code Main}: an application embedding the server keeps its own
 * settings) and by the resource adapter, whose Netty is its own relocated copy: there the relocation renames these
 * properties with the classes ({@code io.switchboard.jca.shaded.netty.leakDetection.level}), so the application's
 * Netty and its settings are untouched. The plain client never applies them: its Netty is the application's.
 */
public final class NettyDefaults {

    /** Netty's property for the leak detector's level, and its older spelling, still honoured by Netty. */
    static final String LEAK_DETECTION_LEVEL = "io.netty.leakDetection.level";

    static final String LEGACY_LEAK_DETECTION_LEVEL = "io.netty.leakDetectionLevel";

    private NettyDefaults() {}

    /**
     * Turns Netty's leak detector off unless {@code -Dio.netty.leakDetection.level} (or the older spelling) is given.
     * At Netty's default level, {@code simple}, one buffer in 128 records a stack trace when allocated and again when
     * released: about 4 % of an event loop's CPU on the request path (docs/benchmarks.md, issue 18). The server's
     * buffer handling is tested with the detector at {@code paranoid}; to chase a suspected leak in production, start
     * with {@code -Dio.netty.leakDetection.level=simple} (or {@code paranoid}).
     *
     * @return the level now in force
     */
    public static ResourceLeakDetector.Level apply(Properties properties) {
        if (properties.getProperty(LEAK_DETECTION_LEVEL) == null
                && properties.getProperty(LEGACY_LEAK_DETECTION_LEVEL) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        return ResourceLeakDetector.getLevel();
    }
}
