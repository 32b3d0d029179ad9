package io.switchboard.benchmarks.floor;

import io.switchboard.benchmarks.Args;
import io.switchboard.protocol.transport.NettyDefaults;

/**
 * The floor relay as its own process, as the Switchboard server runs in its own:
 * {@code FloorRelayMain --host=H --port=P [--io-threads=N] [--io-spin-micros=N]}, the last two as the server's
 * flags. It runs until the process is stopped.
 */
public final class FloorRelayMain {

    private FloorRelayMain() {}

    public static void main(String[] args) throws InterruptedException {
        // The server's launcher makes the same choice: the floor runs with the server's Netty settings.
        NettyDefaults.apply(System.getProperties());
        Args given = Args.parse(args);
        String host = given.string("host", "127.0.0.1");
        int port = given.positiveInt("port", 4222);
        Integer ioThreads = given.optionalInt("io-threads");
        Integer ioSpinMicros = given.optionalInt("io-spin-micros");
        given.rejectUnknown();
        FloorRelay relay = FloorRelay.start(
                host, port, ioThreads == null ? 0 : ioThreads, ioSpinMicros == null ? 0 : ioSpinMicros);
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "floor-relay-stop"));
        System.out.println("floor relay listening on " + host + ":" + relay.port() + " (" + relay.describe() + ")");
        // The event loop threads keep the JVM alive until it is stopped.
    }
}
