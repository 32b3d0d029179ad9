package io.switchboard.benchmarks.durable;

import io.switchboard.benchmarks.SwitchboardSystem;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SwitchboardClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A publisher returns to the hold session and the server drains the held calls to it: each is removed from the
 * store (committed) and only then forwarded, {@code in-flight} at a time (the publisher's cap), oldest first.
 * A call is drained when its caller has the publisher's answer.
 *
 * <p>The publisher checks that it gets every call once, in the order sent. A call's latency runs from the moment
 * the publisher had a free slot for it (its return for the first {@code in-flight} calls, else its answer to the
 * call {@code in-flight} places earlier) to the caller's answer: the removal's commit, the forward, the echo and
 * the answer.
 */
final class HeldDrain {

    private final long[] latencies;
    private final double perSecond;
    private final double firstAnswerMillis;

    private HeldDrain(long[] latencies, double perSecond, double firstAnswerMillis) {
        this.latencies = latencies;
        this.perSecond = perSecond;
        this.firstAnswerMillis = firstAnswerMillis;
    }

    static HeldDrain run(String serverUrl, HeldWrites writes, int inFlight, int payloadBytes) throws Exception {
        List<CompletableFuture<RawPayload>> pending = writes.answers();
        int count = pending.size();
        long[] answered = new long[count];
        // Written on the publisher's I/O thread, read here after the last answer.
        AtomicLongArray handled = new AtomicLongArray(count);
        AtomicInteger delivered = new AtomicInteger();
        AtomicReference<String> problem = new AtomicReference<>();
        CompletableFuture<?>[] recorded = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            int number = i;
            recorded[i] = pending.get(i).whenComplete((answer, error) -> {
                answered[number] = System.nanoTime();
                if (error == null && NumberedPayload.numberOf(answer.bytes()) != number) {
                    problem.compareAndSet(null, "call " + number + " was answered with another call's payload");
                }
            });
        }
        try (SwitchboardClient publisher =
                SwitchboardClient.connect(SwitchboardSystem.clientOptions(serverUrl, "bench-returning-publisher"))) {
            long back = System.nanoTime();
            // The echo runs on the publisher's I/O thread, one call at a time, in the order the server sent them.
            HeldMode.publishHold(publisher, inFlight, call -> {
                long number = NumberedPayload.numberOf(call.payload());
                int place = delivered.getAndIncrement();
                if (number != place) {
                    problem.compareAndSet(
                            null,
                            "the publisher got call " + number + " as the " + (place + 1)
                                    + ". delivered: out of order or twice");
                } else {
                    handled.set(place, System.nanoTime());
                }
                return RawPayload.of(call.payload());
            });
            CompletableFuture.allOf(recorded).get(HeldMode.HELD_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (problem.get() != null) {
                throw new IllegalStateException(problem.get());
            }
            if (delivered.get() != count) {
                throw new IllegalStateException(count + " calls held, " + delivered.get() + " delivered");
            }
            long last = back;
            long[] latencies = new long[count];
            for (int i = 0; i < count; i++) {
                last = Math.max(last, answered[i]);
                long slotFree = i < inFlight ? back : handled.get(i - inFlight);
                latencies[i] = answered[i] - slotFree;
            }
            return new HeldDrain(latencies, count / ((last - back) / 1e9), (answered[0] - back) / 1e6);
        }
    }

    /** Slot free to answer, in nanoseconds, one per call. */
    long[] latencies() {
        return latencies.clone();
    }

    /** Calls drained per second: the publisher's return to the last answer. */
    double perSecond() {
        return perSecond;
    }

    double firstAnswerMillis() {
        return firstAnswerMillis;
    }
}
