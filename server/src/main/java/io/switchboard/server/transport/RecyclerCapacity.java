package io.switchboard.server.transport;

import java.util.Properties;

/**
 * The server's one Netty setting beyond {@link io.switchboard.protocol.transport.NettyDefaults}: how many objects of
 * one kind each event loop keeps for reuse. Applied by the server's launcher only, where the server owns the Netty
 * in use (an application embedding the server keeps its own settings).
 */
public final class RecyclerCapacity {

    /** Netty's property, and its older spelling, still honoured by Netty. */
    static final String PROPERTY = "io.netty.recycler.maxCapacityPerThread";

    static final String LEGACY_PROPERTY = "io.netty.recycler.maxCapacity";

    /** A broadcast to this many lines on one event loop reuses every queued write's entry. */
    static final int FOR_BROADCASTS = 65_536;

    private RecyclerCapacity() {}

    /**
     * Before any other Netty class is used: unless the operator set it, raises how many objects of one kind (a queued
     * write's {@code ChannelOutboundBuffer} entry, a pooled buffer's view) an event loop keeps for reuse from Netty's
     * 4,096 to {@value #FOR_BROADCASTS}. On io_uring a front-door broadcast queues one write per line before the first
     * completes, so on a loop holding more lines than that every further write allocated its entry anew: about 50
     * bytes per line and broadcast (docs/benchmarks.md, issue 18). A thread keeps no more than it once had in use at
     * a time; Netty reads the property once, when its {@code Recycler} class is loaded.
     *
     * @return the capacity now in the properties
     */
    public static String raise(Properties properties) {
        if (properties.getProperty(PROPERTY) == null && properties.getProperty(LEGACY_PROPERTY) == null) {
            properties.setProperty(PROPERTY, Integer.toString(FOR_BROADCASTS));
        }
        return properties.getProperty(PROPERTY, properties.getProperty(LEGACY_PROPERTY));
    }
}
