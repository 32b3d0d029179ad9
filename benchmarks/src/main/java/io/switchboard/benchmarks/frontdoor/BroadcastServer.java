package io.switchboard.benchmarks.frontdoor;

import java.time.Duration;

/**
 * What the idle users connect to and what broadcasts to them: the Switchboard server's front door
 * ({@link SwitchboardDoor}) or the raw Netty floor under it ({@link FloorDoor}), each in its own JVM.
 */
interface BroadcastServer extends AutoCloseable {

    /** "switchboard" or "floor", for the result lines. */
    String name();

    /** The port the users connect to, on loopback. */
    int usersPort();

    /** Returns once the server holds {@code lines} users' lines; fails at the deadline. */
    void awaitLines(int lines, Duration deadline) throws Exception;

    /** Sends {@code message} to every line; returns the number of lines the server says it sent it to. */
    int broadcast(String message) throws Exception;

    /** Pid and settings, for the run's header. */
    String describe();

    @Override
    void close() throws Exception;
}
