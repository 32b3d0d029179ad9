package io.switchboard.benchmarks.micro;

import io.switchboard.protocol.ResultCode;
import io.switchboard.server.metrics.ServerMetrics;
import io.switchboard.server.routing.CallMeter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-call cost of metrics (docs/monitoring.md, "Metrics"): looking up an alias's recorder as a call starts and
 * recording its end (code count, duration bucket, sum, maximum). Run after {@code ./mvnw -pl benchmarks -am package}:
 *
 * <pre>
 * java -cp "benchmarks/target/lib/*:$(ls benchmarks/target/switchboard-benchmarks-*.jar | head -1)" \
 *     org.openjdk.jmh.Main CallRecordBenchmark -prof gc
 * </pre>
 *
 * ({@code -prof gc} shows the allocation per operation, which should be 0 B.) Not part of {@code benchmarks/run}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class CallRecordBenchmark {

    private ServerMetrics metrics;
    private CallMeter meter;
    private CallMeter.Recorder recorder;

    /** Durations spread over the buckets, from 20 µs to about 40 ms. */
    private static final long[] DURATIONS = durations();

    private static long[] durations() {
        long[] durations = new long[1024];
        for (int i = 0; i < durations.length; i++) {
            durations[i] = 20_000L << (i % 12);
        }
        return durations;
    }

    /** Each thread's place in {@link #DURATIONS}. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        long duration() {
            return DURATIONS[next++ & (DURATIONS.length - 1)];
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        metrics = new ServerMetrics(100);
        meter = metrics.callMeter();
        for (int i = 0; i < 50; i++) {
            meter.recorder("alias-" + i).record(ResultCode.OK, 1);
        }
        recorder = meter.recorder("bench");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        metrics.close();
    }

    /** A call's end: what {@code Connection.answer} does with metrics on, besides reading the clock. */
    @Benchmark
    public void record(Cursor cursor) {
        recorder.record(ResultCode.OK, cursor.duration());
    }

    /** A call's start (the alias's recorder looked up) and end. */
    @Benchmark
    public void lookUpAndRecord(Cursor cursor) {
        meter.recorder("bench").record(ResultCode.OK, cursor.duration());
    }

    /** Two event loops ending calls of the same alias at once (the striped counters' case). */
    @Benchmark
    @Threads(2)
    public void recordFromTwoThreads(Cursor cursor) {
        recorder.record(ResultCode.OK, cursor.duration());
    }
}
