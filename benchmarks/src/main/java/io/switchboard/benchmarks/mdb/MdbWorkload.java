package io.switchboard.benchmarks.mdb;

import io.switchboard.benchmarks.CallWindow;
import io.switchboard.benchmarks.Stats;
import io.switchboard.benchmarks.SwitchboardServerProcess;
import io.switchboard.client.CallException;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SessionInfo;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.ResultCode;
import io.switchboard.testsupport.WildFly;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * The runs, from a plain client in the benchmark JVM to the echo bean in WildFly: the session must be listed,
 * then sequential latency and pipelined throughput (the rpc workload's shape: one connection, a window of calls in
 * flight), each in rounds printed on {@code #} lines. The throughput rounds follow one another without a pause, so
 * the load never drops between them; CPU per call is taken per round from the WildFly JVM, the Switchboard server
 * JVM and this JVM (the caller).
 */
final class MdbWorkload {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Bounds every sequential phase and the whole throughput run beyond its planned length. */
    private static final Duration PHASE_SLACK = Duration.ofMinutes(5);

    private final MdbSettings settings;
    private final SwitchboardClient caller;
    private final byte[] body;
    private final WildFly wildFly;
    private final SwitchboardServerProcess server;

    MdbWorkload(
            MdbSettings settings,
            SwitchboardClient caller,
            byte[] body,
            WildFly wildFly,
            SwitchboardServerProcess server) {
        this.settings = settings;
        this.caller = caller;
        this.body = body;
        this.wildFly = wildFly;
        this.server = server;
    }

    record Latency(double p50Micros, double p99Micros, int calls) {
        static Latency of(long[] nanos) {
            Stats stats = Stats.of(nanos);
            return new Latency(stats.percentileMicros(50), stats.percentileMicros(99), stats.count());
        }
    }

    /** Completed calls per second over all rounds, calls answered busy, and CPU per completed call (µs). */
    record Throughput(
            double callsPerSecond,
            long calls,
            long busy,
            double wildFlyCpuMicros,
            double serverCpuMicros,
            double callerCpuMicros) {}

    /**
     * Polls the server's session list until the bean's session is there with exactly its one method: the
     * activation publishes in the background once the war is deployed. Returns how long that took.
     */
    Duration awaitPublished(Duration deadline) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        List<SessionInfo> last = List.of();
        while (System.nanoTime() - end < 0) {
            last = caller.list();
            for (SessionInfo session : last) {
                if (session.alias().equals(MdbWar.ALIAS)) {
                    if (!session.methods().equals(List.of(MdbWar.METHOD))) {
                        throw new IllegalStateException("session " + MdbWar.ALIAS + " is published with methods "
                                + session.methods() + ", expected [" + MdbWar.METHOD + "]");
                    }
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("session " + MdbWar.ALIAS + " was not listed within " + deadline
                + " of the deployment; the server lists " + last + " (see WildFly's log/server.log)");
    }

    /** Sequential warm-up calls, then the throughput warm-up (which also leaves the JIT compilers settled). */
    void warmUp() throws InterruptedException {
        sequential("warm-up", settings.warmupCalls(), this::call);
        window(settings.throughputWarmup(), List.of());
    }

    /** Sequential calls, {@code rounds} times; one {@code #} line per round. */
    Latency latency() throws InterruptedException {
        List<long[]> rounds = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            long[] nanos = sequential("latency round " + round, settings.callsPerRound(), this::call);
            rounds.add(nanos);
            Latency latency = Latency.of(nanos.clone());
            System.out.printf(
                    Locale.ROOT,
                    "# latency round %d: p50=%.1f p99=%.1f%n",
                    round,
                    latency.p50Micros(),
                    latency.p99Micros());
        }
        return Latency.of(concat(rounds));
    }

    /** Caller -> server -> caller only, a fifth as many as calls: what the bean side adds is the difference. */
    Latency pingLatency() throws InterruptedException {
        return Latency.of(sequential("ping", Math.max(1, settings.calls() / 5), () -> caller.ping(CALL_TIMEOUT)));
    }

    /** {@code inFlight} calls outstanding for the measured time, one {@code #} line per round. */
    Throughput throughput() throws InterruptedException {
        List<Mark> marks = window(settings.throughputRun(), roundEnds());
        long calls = 0;
        long busy = 0;
        double seconds = 0;
        long[] cpu = new long[3];
        for (int round = 1; round < marks.size(); round++) {
            Mark from = marks.get(round - 1);
            Mark to = marks.get(round);
            long roundCalls = to.completed - from.completed;
            double roundSeconds = (to.nanos - from.nanos) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "# throughput round %d: calls_per_s=%.0f%s cpu_us_per_call wildfly=%.1f"
                            + " server=%.1f caller=%.1f%n",
                    round,
                    roundCalls / roundSeconds,
                    settings.expectsBusy()
                            ? String.format(Locale.ROOT, " busy_per_s=%.0f", (to.busy - from.busy) / roundSeconds)
                            : "",
                    micros(to.wildFlyCpu - from.wildFlyCpu, roundCalls),
                    micros(to.serverCpu - from.serverCpu, roundCalls),
                    micros(to.callerCpu - from.callerCpu, roundCalls));
            calls += roundCalls;
            busy += to.busy - from.busy;
            seconds += roundSeconds;
        }
        Mark first = marks.get(0);
        Mark last = marks.get(marks.size() - 1);
        return new Throughput(
                calls / seconds,
                calls,
                busy,
                micros(last.wildFlyCpu - first.wildFlyCpu, calls),
                micros(last.serverCpu - first.serverCpu, calls),
                micros(last.callerCpu - first.callerCpu, calls));
    }

    /** Offsets from the start of the measured run at which a round ends; the first mark is taken at its start. */
    private List<Duration> roundEnds() {
        List<Duration> ends = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            ends.add(settings.secondsPerRound().multipliedBy(round));
        }
        return ends;
    }

    /** Where the throughput run stood at one instant. */
    private record Mark(long nanos, long completed, long busy, long wildFlyCpu, long serverCpu, long callerCpu) {}

    /**
     * Keeps the window full for {@code length}, marking the start and each of {@code marksAt}; then waits for the
     * calls still outstanding. Busy answers are counted when the settings expect them; any other failure, or a
     * wrong echo, ends the run.
     */
    private List<Mark> window(Duration length, List<Duration> marksAt) throws InterruptedException {
        CallWindow window = new CallWindow(settings.inFlight());
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long deadline = end + PHASE_SLACK.toNanos();
        List<Mark> marks = new ArrayList<>();
        marks.add(mark(window));
        int next = 0;
        while (System.nanoTime() - end < 0) {
            if (next < marksAt.size()
                    && System.nanoTime() - (start + marksAt.get(next).toNanos()) >= 0) {
                marks.add(mark(window));
                next++;
            }
            window.acquire(CALL_TIMEOUT);
            caller.callAsync(MdbWar.ALIAS, MdbWar.METHOD, RawPayload.of(body), RawPayload.class, CALL_TIMEOUT)
                    .whenComplete((reply, failure) -> settle(window, reply, failure));
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the throughput run passed its deadline");
            }
        }
        while (next++ < marksAt.size()) {
            marks.add(mark(window)); // the last round ends with the run
        }
        window.drain(CALL_TIMEOUT);
        window.throwIfFailed();
        return marks;
    }

    private void settle(CallWindow window, RawPayload reply, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof CallException e && e.code() == ResultCode.BUSY && settings.expectsBusy()) {
            window.refused();
        } else if (cause != null) {
            window.done(cause);
        } else if (!Arrays.equals(reply.bytes(), body)) {
            window.done(wrongEcho(reply.bytes()));
        } else {
            window.done(null);
        }
    }

    private Mark mark(CallWindow window) {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        long callerCpu = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
        return new Mark(
                System.nanoTime(),
                window.completed(),
                window.refusedCount(),
                wildFly.cpuTime().toNanos(),
                server.cpuTime().toNanos(),
                callerCpu);
    }

    private void call() {
        byte[] reply = caller.call(MdbWar.ALIAS, MdbWar.METHOD, RawPayload.of(body), RawPayload.class, CALL_TIMEOUT)
                .bytes();
        if (!Arrays.equals(reply, body)) {
            throw wrongEcho(reply);
        }
    }

    private IllegalStateException wrongEcho(byte[] reply) {
        return new IllegalStateException(
                "the echo bean returned " + (reply == null ? "null" : reply.length + " bytes " + Arrays.toString(reply))
                        + " instead of the " + body.length + "-byte request");
    }

    /** One blocking round trip. */
    private interface RoundTrip {
        void run();
    }

    private static long[] sequential(String phase, int calls, RoundTrip roundTrip) {
        long deadline = System.nanoTime() + PHASE_SLACK.toNanos();
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            roundTrip.run();
            nanos[i] = System.nanoTime() - start;
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(
                        phase + " passed its deadline of " + PHASE_SLACK + " after " + i + " calls");
            }
        }
        return nanos;
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = new long[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static double micros(long nanos, long calls) {
        return calls == 0 ? Double.NaN : nanos / 1e3 / calls;
    }
}
