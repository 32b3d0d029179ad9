package io.switchboard.benchmarks.ejb;

import io.switchboard.benchmarks.Args;
import java.time.Duration;
import java.util.List;

/**
 * The knobs of the ejb workload. Measured calls and seconds are per mode, split evenly over {@code rounds}; the
 * rounds alternate which mode goes first, so a drift in machine load or JIT state hits both modes alike.
 *
 * @param warmupCalls      sequential warm-up calls per mode before anything is measured
 * @param calls            measured sequential calls per mode (all rounds together)
 * @param rounds           how many times the two modes take turns
 * @param inFlight         calls outstanding on the one connection of a pipelined throughput run (the rpc
 *                         workload's window)
 * @param threads          concurrent callers in the diagnostic concurrent runs; also the pool size (min = max)
 * @param throughputWarmup concurrent warm-up per mode
 * @param throughputRun    measured concurrent time per mode (all rounds together)
 * @param portOffset       WildFly's jboss.socket.binding.port-offset (HTTP 8080 + offset, management 9990 + offset)
 * @param pingTimeout      the connection definition's pingTimeout config property; null leaves the adapter's
 *                         default (10: a validation ping only for connections idle over 10 s)
 * @param ioThreads        the resource adapter's ioThreads config property; null leaves its default
 * @param sharedConnections the connection definition's sharedConnections config property (0: a physical connection
 *                         per pooled connection; n: the pool shares n); null leaves the adapter's default
 * @param tx               null: the echo workload (adapter against plain client); {@code xa}, {@code xa-2pc} or
 *                         {@code none}: the submit workload ({@link SubmitWorkload}) with the adapter's
 *                         transaction-support {@code XATransaction} ({@code xa} and {@code xa-2pc}) or
 *                         {@code NoTransaction}; {@code xa-2pc} also enlists a no-op second resource
 */
record EjbSettings(
        int warmupCalls,
        int calls,
        int rounds,
        int inFlight,
        int threads,
        Duration throughputWarmup,
        Duration throughputRun,
        int portOffset,
        Integer pingTimeout,
        Integer ioThreads,
        Integer sharedConnections,
        String tx) {

    /** {@code --tx=xa}: submits enlisted in the bean's transaction. */
    static final String TX_XA = "xa";
    /**
     * {@code --tx=xa-2pc}: as {@code xa}, plus a second, no-op XAResource of the benchmark's own enlisted in the
     * same transaction, so that the transaction manager runs both phases (prepare, log write, commit).
     */
    static final String TX_XA_2PC = "xa-2pc";
    /** {@code --tx=none}: the same submits, the adapter not enlisted. */
    static final String TX_NONE = "none";

    static EjbSettings defaults() {
        return new EjbSettings(
                20_000, 15_000, 3, 64, 64, Duration.ofSeconds(10), Duration.ofSeconds(9), 500, null, null, null, null);
    }

    static EjbSettings fromArgs(String[] args) {
        Args given = Args.parse(args);
        EjbSettings d = defaults();
        EjbSettings settings = new EjbSettings(
                given.positiveInt("warmup-calls", d.warmupCalls),
                given.positiveInt("calls", d.calls),
                given.positiveInt("rounds", d.rounds),
                given.positiveInt("in-flight", d.inFlight),
                given.positiveInt("threads", d.threads),
                Duration.ofSeconds(given.positiveInt("warmup-seconds", (int) d.throughputWarmup.toSeconds())),
                Duration.ofSeconds(given.positiveInt("seconds", (int) d.throughputRun.toSeconds())),
                given.positiveInt("wildfly-port-offset", d.portOffset),
                given.optionalInt("ping-timeout"),
                given.optionalInt("adapter-io-threads"),
                given.optionalInt("shared-connections"),
                given.oneOf("tx", null, List.of(TX_XA, TX_XA_2PC, TX_NONE)));
        given.rejectUnknown();
        if (settings.sharedConnections != null && settings.sharedConnections < 0) {
            throw new IllegalArgumentException("--shared-connections must be 0 or more");
        }
        if (settings.calls < settings.rounds) {
            throw new IllegalArgumentException("--calls must be at least --rounds");
        }
        return settings;
    }

    /** Whether this run is the submit workload ({@code --tx} given). */
    boolean submitWorkload() {
        return tx != null;
    }

    /** The resource adapter's transaction-support for this run. */
    String transactionSupport() {
        return TX_XA.equals(tx) || TX_XA_2PC.equals(tx) ? "XATransaction" : "NoTransaction";
    }

    /**
     * The war's bench mode for the submit workload (BenchResource): {@code submit-2pc} (the bean enlists the no-op
     * second resource too) for {@code --tx=xa-2pc}, otherwise {@code submit}.
     */
    String submitMode() {
        return TX_XA_2PC.equals(tx) ? SubmitWorkload.SUBMIT_TWO_PHASE : SubmitWorkload.SUBMIT;
    }

    int callsPerRound() {
        return calls / rounds;
    }

    Duration secondsPerRound() {
        return throughputRun.dividedBy(rounds);
    }
}
