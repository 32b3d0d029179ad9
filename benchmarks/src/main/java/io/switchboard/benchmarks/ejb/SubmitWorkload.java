package io.switchboard.benchmarks.ejb;

import io.switchboard.benchmarks.SwitchboardSystem;
import io.switchboard.testsupport.WildFly;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code benchmarks/run ejb --tx=xa|xa-2pc|none}: a {@code REQUIRED} bean method doing one {@code submit}
 * (SubmitInTransaction in the war), with the adapter's transaction-support {@code XATransaction} (the submit in the
 * transaction's XA branch, committed in one phase; with {@code xa-2pc} the bean also enlists a no-op second
 * XAResource, so the branch is prepared and committed in two phases) or {@code NoTransaction} (the same submit, not
 * enlisted). Timed per bean invocation, so the commit is included; the async calls then run at the echo publisher
 * in the background.
 * Sequential latency on one thread, and throughput with {@code threads} managed threads invoking the bean in a loop,
 * each in {@code rounds} (one mode per run: compare two runs).
 */
final class SubmitWorkload {

    /** The war's mode for SubmitInTransaction (BenchResource). */
    static final String SUBMIT = "submit";
    /** The war's mode for SubmitInTransaction with the no-op second resource enlisted too (BenchResource). */
    static final String SUBMIT_TWO_PHASE = "submit-2pc";

    private final EjbSettings settings;
    private final BenchEndpoint endpoint;
    private final WildFly wildFly;
    private final SwitchboardSystem system;

    private SubmitWorkload(EjbSettings settings, BenchEndpoint endpoint, WildFly wildFly, SwitchboardSystem system) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.wildFly = wildFly;
        this.system = system;
    }

    static void run(EjbSettings settings, BenchEndpoint endpoint, WildFly wildFly, SwitchboardSystem system)
            throws IOException, InterruptedException {
        System.out.println("# submit (--tx=" + settings.tx() + "): @Stateless REQUIRED bean, getConnection()/submit/"
                + "close per invocation, one transaction per invocation; resource adapter transaction-support="
                + settings.transactionSupport()
                + (settings.submitMode().equals(SUBMIT_TWO_PHASE)
                        ? "; a no-op second XAResource enlisted too (two-phase commit, the transaction log written)"
                        : "")
                + "; pool min=max=" + settings.threads() + " prefilled; byte[62]"
                + " payload (64-byte CBOR document); the server's store: SQLite in the run's log directory;"
                + " throughput: " + settings.threads() + " managed threads invoking the bean in a loop");
        SubmitWorkload workload = new SubmitWorkload(settings, endpoint, wildFly, system);
        workload.warmUp();
        EjbWorkload.Latency latency = workload.latency();
        EjbWorkload.Throughput throughput = workload.throughput();
        System.out.println("# " + TransactionLog.check(settings, wildFly.baseDir()));
        String name = "ejb-submit-tx-" + settings.tx();
        System.out.printf(
                Locale.ROOT, "%s latency_us p50=%.1f p99=%.1f%n", name, latency.p50Micros(), latency.p99Micros());
        System.out.printf(Locale.ROOT, "%s throughput calls_per_s=%.0f%n", name, throughput.callsPerSecond());
        System.out.printf(
                Locale.ROOT,
                "# %s cpu_us_per_call wildfly=%.1f server=%.1f publisher=%.1f (the server's share includes running"
                        + " the call and storing its outcome; diagnostic)%n",
                name,
                throughput.wildFlyCpuMicros(),
                throughput.serverCpuMicros(),
                throughput.publisherCpuMicros());
    }

    private void warmUp() throws IOException, InterruptedException {
        endpoint.latency(settings.submitMode(), settings.warmupCalls());
        endpoint.throughput(settings.submitMode(), settings.threads(), settings.throughputWarmup());
    }

    private EjbWorkload.Latency latency() throws IOException, InterruptedException {
        List<long[]> samples = new ArrayList<>();
        List<Double> roundP50s = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            long[] nanos = endpoint.latency(settings.submitMode(), settings.callsPerRound());
            samples.add(nanos);
            EjbWorkload.Latency latency = EjbWorkload.Latency.of(nanos.clone(), List.of());
            roundP50s.add(latency.p50Micros());
            System.out.printf(
                    Locale.ROOT,
                    "# latency round %d: p50=%.1f p99=%.1f%n",
                    round + 1,
                    latency.p50Micros(),
                    latency.p99Micros());
        }
        return EjbWorkload.Latency.of(Replies.concat(samples), roundP50s);
    }

    private EjbWorkload.Throughput throughput() throws IOException, InterruptedException {
        Replies.Count total = null;
        long[] used = new long[3];
        List<Double> roundCallsPerSecond = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++) {
            long[] before = EjbWorkload.cpu(wildFly, system);
            Replies.Count count =
                    endpoint.throughput(settings.submitMode(), settings.threads(), settings.secondsPerRound());
            long[] after = EjbWorkload.cpu(wildFly, system);
            for (int i = 0; i < used.length; i++) {
                used[i] += after[i] - before[i];
            }
            total = total == null ? count : total.plus(count);
            roundCallsPerSecond.add(count.callsPerSecond());
            System.out.printf(
                    Locale.ROOT, "# throughput round %d: calls_per_s=%.0f%n", round + 1, count.callsPerSecond());
        }
        return new EjbWorkload.Throughput(
                total.callsPerSecond(),
                total.calls(),
                used[0] / 1e3 / total.calls(),
                used[1] / 1e3 / total.calls(),
                used[2] / 1e3 / total.calls(),
                roundCallsPerSecond);
    }
}
