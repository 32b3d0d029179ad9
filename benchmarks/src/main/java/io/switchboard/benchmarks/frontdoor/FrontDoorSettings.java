package io.switchboard.benchmarks.frontdoor;

import io.switchboard.benchmarks.Args;

/**
 * The knobs of the front-door workload: how many idle lines, how many blocks ({@code repeat}) of how many broadcast
 * rounds (after a few unmeasured ones), and how the lines are held in the benchmark JVM: on how many event-loop
 * threads, of which transport, polling how long before they sleep, speaking which protocol; and whether blocks on
 * the raw Netty floor take turns with the server's ({@code --floor}).
 */
record FrontDoorSettings(
        int lines,
        int warmupRounds,
        int rounds,
        int repeat,
        int ioThreads,
        String usersTransport,
        int usersPollMicros,
        String usersProtocol,
        boolean againstFloor) {

    /** The users poll a millisecond before they sleep: far longer than a broadcast's gap between two lines. */
    static final int DEFAULT_USERS_POLL_MICROS = 1000;

    static final int MAX_USERS_POLL_MICROS = 1_000_000;

    static final String USAGE = "benchmarks/run frontdoor [--lines=N] [--warmup-rounds=N] [--rounds=N] [--repeat=N]"
            + " [--io-threads=N] [--users-transport=auto|io_uring|epoll|nio] [--users-poll-micros=N]"
            + " [--users-protocol=tcp|websocket] [--floor]";

    static FrontDoorSettings fromArgs(String[] args) {
        Args given = Args.parse(args);
        FrontDoorSettings settings = new FrontDoorSettings(
                given.positiveInt("lines", 20_000),
                given.positiveInt("warmup-rounds", 5),
                given.positiveInt("rounds", 30),
                given.positiveInt("repeat", 3),
                given.positiveInt("io-threads", 1),
                given.oneOf("users-transport", "auto", UsersTransport.CHOICES),
                usersPollMicros(given.optionalInt("users-poll-micros")),
                given.oneOf("users-protocol", "tcp", UsersProtocol.CHOICES),
                given.flag("floor"));
        given.rejectUnknown();
        if (settings.againstFloor() && !settings.usersProtocol().equals("tcp")) {
            throw new IllegalArgumentException("--floor needs --users-protocol=tcp: the floor speaks no websocket");
        }
        return settings;
    }

    private static int usersPollMicros(Integer given) {
        if (given == null) {
            return DEFAULT_USERS_POLL_MICROS;
        }
        if (given < 0 || given > MAX_USERS_POLL_MICROS) {
            throw new IllegalArgumentException(
                    "--users-poll-micros must be 0.." + MAX_USERS_POLL_MICROS + " (0: never poll), not " + given);
        }
        return given;
    }
}
