package io.switchboard.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;

/**
 * The fixed RPC workload, run identically against any {@link RpcSystem}: (a) one caller making sequential
 * calls, for latency percentiles; (b) one connection with a window of calls in flight, for throughput.
 * Every loop is bounded by a call count and by {@link RpcSettings#phaseDeadline()}.
 */
final class RpcWorkload {

    private final RpcSettings settings;
    private final byte[] body;

    RpcWorkload(RpcSettings settings, byte[] body) {
        this.settings = settings;
        this.body = body;
    }

    LatencyResult latency(RpcSystem system) throws Exception {
        checkEcho(system.call(body, settings.callTimeout()));
        return sequential(
                "latency",
                settings.warmupCalls(),
                settings.measuredCalls(),
                () -> system.call(body, settings.callTimeout()));
    }

    /** Sequential pings, a fifth as many as calls: the cost of one client-server round trip alone. */
    LatencyResult pingLatency(RpcSystem system) throws Exception {
        return sequential(
                "ping",
                settings.warmupCalls() / 5,
                Math.max(1, settings.measuredCalls() / 5),
                () -> system.ping(settings.callTimeout()));
    }

    /** One blocking round trip of some kind. */
    private interface RoundTrip {
        void run() throws Exception;
    }

    private LatencyResult sequential(String phase, int warmups, int measured, RoundTrip roundTrip) throws Exception {
        Stats stats = Stats.of(sequentialNanos(phase, warmups, measured, roundTrip));
        return new LatencyResult(stats.percentileMicros(50), stats.percentileMicros(99), stats.count());
    }

    /** {@code calls} sequential calls after {@code warmups} unmeasured ones: each call's round trip. */
    long[] latencyNanos(RpcSystem system, int warmups, int calls) throws Exception {
        return sequentialNanos("latency", warmups, calls, () -> system.call(body, settings.callTimeout()));
    }

    private long[] sequentialNanos(String phase, int warmups, int measured, RoundTrip roundTrip) throws Exception {
        long deadline = System.nanoTime() + settings.phaseDeadline().toNanos();
        for (int i = 0; i < warmups; i++) {
            roundTrip.run();
            checkDeadline(deadline, phase + " warm-up", i);
        }
        long[] nanos = new long[measured];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            roundTrip.run();
            nanos[i] = System.nanoTime() - start;
            checkDeadline(deadline, phase + " run", i);
        }
        return nanos;
    }

    ThroughputResult throughput(RpcSystem system) throws Exception {
        return throughput(system, settings.throughputWarmup(), settings.throughputRun());
    }

    /** Calls with the window full for {@code warmup}, then counted for {@code run}. */
    ThroughputResult throughput(RpcSystem system, Duration warmup, Duration run) throws Exception {
        CallWindow window = new CallWindow(settings.window());
        long start = System.nanoTime();
        long warmupEnd = start + warmup.toNanos();
        long runEnd = warmupEnd + run.toNanos();
        long countedFrom = -1;
        long measuredStart = 0;
        CpuClock cpuAtStart = null;
        while (true) {
            long now = System.nanoTime();
            if (countedFrom < 0 && now >= warmupEnd) {
                countedFrom = window.completed();
                measuredStart = now;
                cpuAtStart = CpuClock.read(system);
            }
            if (now >= runEnd) {
                break;
            }
            window.acquire(settings.callTimeout());
            system.callAsync(body, settings.callTimeout()).whenComplete((reply, failure) -> window.done(failure));
        }
        long measured = window.completed() - countedFrom;
        double seconds = (System.nanoTime() - measuredStart) / 1e9;
        CpuClock cpuAtEnd = CpuClock.read(system);
        window.drain(settings.callTimeout());
        window.throwIfFailed();
        return new ThroughputResult(
                measured / seconds,
                measured,
                seconds,
                (cpuAtEnd.serverNanos - cpuAtStart.serverNanos) / 1e3 / measured,
                (cpuAtEnd.clientNanos - cpuAtStart.clientNanos) / 1e3 / measured);
    }

    private void checkEcho(byte[] reply) {
        if (!Arrays.equals(reply, body)) {
            throw new IllegalStateException(
                    "the echo responder returned " + (reply == null ? "null" : reply.length + " bytes")
                            + " instead of the " + body.length + "-byte request");
        }
    }

    private static void checkDeadline(long deadline, String phase, int done) {
        if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException(phase + " passed its deadline after " + done + " calls");
        }
    }

    /** CPU time used so far by the server process and by this JVM (where the clients run). */
    private record CpuClock(long serverNanos, long clientNanos) {
        static CpuClock read(RpcSystem system) {
            java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            long client = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
            return new CpuClock(system.serverCpuTime().toNanos(), client);
        }
    }
}
