package io.switchboard.benchmarks.floor;

import io.switchboard.benchmarks.Args;
import io.switchboard.protocol.transport.NettyDefaults;
import io.switchboard.server.config.ConfigOption;

/**
 * The floor relay as its own process, as the Switchboard server runs in its own:
 * {@code FloorRelayMain --host=H --port=P --payload-bytes=N [--io-threads=N] [--io-spin-micros=N]
 * [--io-spin-max-calls-per-second=N]}, the last three as the server's flags (with the server's defaults). It runs
 * until the process is stopped.
 */
public final class FloorRelayMain {

    /** The server's default {@code io-spin-max-calls-per-second}. */
    static final int SERVER_DEFAULT_MAX_CALLS_PER_SECOND = Integer.parseInt(
            ConfigOption.IO_SPIN_MAX_CALLS_PER_SECOND.defaultValue().orElseThrow());

    private FloorRelayMain() {}

    public static void main(String[] args) throws InterruptedException {
        // The server's launcher makes the same choice: the floor runs with the server's Netty settings.
        NettyDefaults.apply(System.getProperties());
        Args given = Args.parse(args);
        String host = given.string("host", "127.0.0.1");
        int port = given.positiveInt("port", 4222);
        Integer ioThreads = given.optionalInt("io-threads");
        Integer ioSpinMicros = given.optionalInt("io-spin-micros");
        Integer maxCallsPerSecond = given.optionalInt("io-spin-max-calls-per-second");
        int payloadBytes = given.positiveInt("payload-bytes", 64);
        given.rejectUnknown();
        FloorRelay relay = FloorRelay.start(
                host,
                port,
                ioThreads == null ? 0 : ioThreads,
                ioSpinMicros == null ? 0 : ioSpinMicros,
                maxCallsPerSecond == null ? SERVER_DEFAULT_MAX_CALLS_PER_SECOND : maxCallsPerSecond,
                payloadBytes);
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "floor-relay-stop"));
        System.out.println("floor relay listening on " + host + ":" + relay.port() + " (" + relay.describe() + ")");
        // The event loop threads keep the JVM alive until it is stopped.
    }
}
