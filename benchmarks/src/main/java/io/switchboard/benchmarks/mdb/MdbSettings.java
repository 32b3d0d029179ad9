package io.switchboard.benchmarks.mdb;

import io.switchboard.benchmarks.Args;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The knobs of the mdb workload. Measured calls and seconds are split evenly over {@code rounds}, each printed on
 * its own {@code #} line so the spread is visible.
 *
 * @param warmupCalls      sequential warm-up calls before anything is measured
 * @param calls            measured sequential calls (all rounds together)
 * @param rounds           how many latency and throughput rounds
 * @param inFlight         calls outstanding on the caller's one connection in the throughput runs
 * @param maxConcurrency   the activation's {@code maxConcurrency}: the server answers {@code busy} to calls beyond
 *                         it, so by default it equals {@code inFlight} and every call reaches the bean
 * @param mdbPool          the MDB instance pool's {@code max-pool-size}; by default {@code maxConcurrency}, so no
 *                         delivery waits for an instance
 * @param throughputWarmup throughput warm-up before the measured rounds
 * @param throughputRun    measured throughput time (all rounds together)
 * @param portOffset       WildFly's jboss.socket.binding.port-offset (HTTP 8080 + offset, management 9990 + offset)
 * @param transaction      the echo method's container-managed transaction attribute: {@code required} (the EJB
 *                         default, what a bean without annotations gets) or {@code not-supported}
 */
record MdbSettings(
        int warmupCalls,
        int calls,
        int rounds,
        int inFlight,
        int maxConcurrency,
        int mdbPool,
        Duration throughputWarmup,
        Duration throughputRun,
        int portOffset,
        Transaction transaction) {

    /** The container-managed transaction attributes a run can give the echo method, by option value. */
    enum Transaction {
        REQUIRED("required", "Required"),
        NOT_SUPPORTED("not-supported", "NotSupported");

        private final String option;
        /** The {@code trans-attribute} value in ejb-jar.xml. */
        final String descriptorValue;

        Transaction(String option, String descriptorValue) {
            this.option = option;
            this.descriptorValue = descriptorValue;
        }

        static Transaction ofOption(String option) {
            for (Transaction t : values()) {
                if (t.option.equals(option)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("no transaction attribute " + option);
        }

        static List<String> options() {
            return Arrays.stream(values()).map(t -> t.option).toList();
        }

        @Override
        public String toString() {
            return option;
        }
    }

    /** Long warm-ups, as for rpc: three JVMs share two cores and C2 keeps compiling for a while under load. */
    static MdbSettings defaults() {
        return new MdbSettings(
                30_000,
                30_000,
                3,
                64,
                64,
                64,
                Duration.ofSeconds(15),
                Duration.ofSeconds(15),
                600,
                Transaction.REQUIRED);
    }

    static MdbSettings fromArgs(String[] args) {
        Args given = Args.parse(args);
        MdbSettings d = defaults();
        int inFlight = given.positiveInt("in-flight", d.inFlight);
        int maxConcurrency = given.positiveInt("max-concurrency", inFlight);
        MdbSettings settings = new MdbSettings(
                given.positiveInt("warmup-calls", d.warmupCalls),
                given.positiveInt("calls", d.calls),
                given.positiveInt("rounds", d.rounds),
                inFlight,
                maxConcurrency,
                given.positiveInt("mdb-pool", maxConcurrency),
                Duration.ofSeconds(given.positiveInt("warmup-seconds", (int) d.throughputWarmup.toSeconds())),
                Duration.ofSeconds(given.positiveInt("seconds", (int) d.throughputRun.toSeconds())),
                given.positiveInt("wildfly-port-offset", d.portOffset),
                Transaction.ofOption(given.oneOf("transaction", d.transaction.option, Transaction.options())));
        given.rejectUnknown();
        if (settings.calls < settings.rounds) {
            throw new IllegalArgumentException("--calls must be at least --rounds");
        }
        if (settings.throughputRun.toMillis() < settings.rounds * 1000L) {
            throw new IllegalArgumentException("--seconds must be at least --rounds (a second per round)");
        }
        return settings;
    }

    /** When the server will answer {@code busy} to part of the window: counted apart, not a failure. */
    boolean expectsBusy() {
        return maxConcurrency < inFlight;
    }

    int callsPerRound() {
        return calls / rounds;
    }

    Duration secondsPerRound() {
        return throughputRun.dividedBy(rounds);
    }
}
