package io.switchboard.benchmarks.frontdoor;

import io.switchboard.benchmarks.Args;

/**
 * The knobs of the front-door workload: how many idle lines, how many blocks ({@code repeat}) of how many broadcast
 * rounds (after a few unmeasured ones), and how the lines are held in the benchmark JVM: on how many event-loop
 * threads, of which transport, speaking which protocol; and whether blocks on the raw Netty floor take turns with
 * the server's ({@code --floor}).
 */
record FrontDoorSettings(
        int lines,
        int warmupRounds,
        int rounds,
        int repeat,
        int ioThreads,
        String usersTransport,
        String usersProtocol,
        boolean againstFloor) {

    static final String USAGE = "benchmarks/run frontdoor [--lines=N] [--warmup-rounds=N] [--rounds=N] [--repeat=N]"
            + " [--io-threads=N] [--users-transport=auto|io_uring|epoll|nio] [--users-protocol=tcp|websocket]"
            + " [--floor]";

    static FrontDoorSettings fromArgs(String[] args) {
        Args given = Args.parse(args);
        FrontDoorSettings settings = new FrontDoorSettings(
                given.positiveInt("lines", 20_000),
                given.positiveInt("warmup-rounds", 5),
                given.positiveInt("rounds", 30),
                given.positiveInt("repeat", 3),
                given.positiveInt("io-threads", 1),
                given.oneOf("users-transport", "auto", UsersTransport.CHOICES),
                given.oneOf("users-protocol", "tcp", UsersProtocol.CHOICES),
                given.flag("floor"));
        given.rejectUnknown();
        if (settings.againstFloor() && !settings.usersProtocol().equals("tcp")) {
            throw new IllegalArgumentException("--floor needs --users-protocol=tcp: the floor speaks no websocket");
        }
        return settings;
    }
}
