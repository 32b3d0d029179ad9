package io.switchboard.benchmarks.floor;

import io.switchboard.benchmarks.Args;
import io.switchboard.protocol.transport.NettyDefaults;
import io.switchboard.server.transport.RecyclerCapacity;

/**
 * The broadcast floor as its own process, as the Switchboard server runs in its own:
 * {@code BroadcastFloorMain --host=H --users-port=P --control-port=C [--io-threads=N]}, the last as the server's flag
 * (with the server's default). It runs until the process is stopped.
 */
public final class BroadcastFloorMain {

    private BroadcastFloorMain() {}

    public static void main(String[] args) throws InterruptedException {
        // As the server's launcher: Netty's recycler sized for a broadcast's writes, before Netty loads it.
        RecyclerCapacity.raise(System.getProperties());
        NettyDefaults.apply(System.getProperties());
        Args given = Args.parse(args);
        String host = given.string("host", "127.0.0.1");
        int usersPort = given.positiveInt("users-port", 4223);
        int controlPort = given.positiveInt("control-port", 4224);
        Integer ioThreads = given.optionalInt("io-threads");
        given.rejectUnknown();
        BroadcastFloor floor = BroadcastFloor.start(host, usersPort, controlPort, ioThreads == null ? 0 : ioThreads);
        Runtime.getRuntime().addShutdownHook(new Thread(floor::close, "broadcast-floor-stop"));
        System.out.println("broadcast floor: users on " + host + ":" + floor.usersPort() + ", control on " + host + ":"
                + floor.controlPort() + " (" + floor.describe() + ")");
        // The event loop threads keep the JVM alive until it is stopped.
    }
}
