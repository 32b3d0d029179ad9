package io.switchboard.benchmarks.durable;

import io.switchboard.benchmarks.SwitchboardSystem;
import io.switchboard.client.RawPayload;
import io.switchboard.client.SwitchboardClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Calls to the away hold session with at most {@code in-flight} of them not yet <b>durably held</b>.
 *
 * <p>The server tells the caller nothing when it holds a call: the answer comes only after a publisher returns.
 * So "held" is observed from outside, in the store: a {@link StoreObserver} polls the highest committed arrival
 * number of the session. The calls come over one connection, so the server numbers and queues them in the order
 * they were sent, and its one store writer commits them in that order: when arrivals {@code first..n} are
 * committed, so are the first {@code n - first + 1} calls sent. (A {@code count(*)} at the end must agree.) A call's
 * latency runs from its submission to the first poll that saw it committed, so it includes up to one poll
 * interval.
 */
final class HeldWrites {

    private static final Duration SLOT_WAIT = Duration.ofSeconds(30);
    private static final long POLL_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private final List<CompletableFuture<RawPayload>> answers;
    private final long[] latencies;
    private final double perSecond;
    private final double medianPollMicros;

    private HeldWrites(
            List<CompletableFuture<RawPayload>> answers, long[] latencies, double perSecond, double medianPollMicros) {
        this.answers = answers;
        this.latencies = latencies;
        this.perSecond = perSecond;
        this.medianPollMicros = medianPollMicros;
    }

    /** Holds calls for {@code length}, then waits until every call sent is committed. */
    static HeldWrites run(SwitchboardClient caller, StoreObserver observer, DurableSettings settings, Duration length)
            throws Exception {
        if (observer.heldCount() != 0) {
            throw new IllegalStateException("held calls left in the store before the run");
        }
        Poller poller = new Poller(observer, new Semaphore(settings.inFlight()));
        Thread pollThread = new Thread(poller, "held-commit-poller");
        pollThread.setDaemon(true);
        List<CompletableFuture<RawPayload>> answers = new ArrayList<>();
        long[] submitted = new long[1 << 16];
        long start = System.nanoTime();
        pollThread.start();
        try {
            long end = start + length.toNanos();
            while (System.nanoTime() - end < 0) {
                if (!poller.slots.tryAcquire(SLOT_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("no held call committed within " + SLOT_WAIT + " with "
                            + settings.inFlight() + " outstanding" + firstFailure(answers));
                }
                poller.throwIfFailed();
                int n = answers.size();
                if (n == submitted.length) {
                    submitted = Arrays.copyOf(submitted, n * 2);
                }
                submitted[n] = System.nanoTime();
                answers.add(caller.callAsync(
                        SwitchboardSystem.ALIAS,
                        SwitchboardSystem.METHOD,
                        RawPayload.of(NumberedPayload.of(settings.payloadBytes(), n)),
                        RawPayload.class,
                        HeldMode.HELD_DEADLINE));
            }
            poller.awaitCommitted(answers.size(), SLOT_WAIT);
        } finally {
            poller.stop.set(true);
            pollThread.join(SLOT_WAIT.toMillis());
        }
        poller.throwIfFailed();
        int count = answers.size();
        long stored = observer.heldCount();
        if (stored != count) {
            throw new IllegalStateException(count + " calls sent, " + poller.committed + " committed by arrival"
                    + " number, but " + stored + " rows in held_call" + firstFailure(answers));
        }
        String failure = firstFailure(answers);
        if (!failure.isEmpty()) {
            throw new IllegalStateException("a held call was answered before any publisher returned" + failure);
        }
        long[] latencies = poller.latencies(submitted, count);
        double seconds = (poller.lastCommitNanos - start) / 1e9;
        return new HeldWrites(answers, latencies, count / seconds, poller.medianPollMicros());
    }

    /** The answers still to come, in the order the calls were sent (index = call number). */
    List<CompletableFuture<RawPayload>> answers() {
        return answers;
    }

    int count() {
        return answers.size();
    }

    /** Submit to committed, in nanoseconds, one per call. */
    long[] latencies() {
        return latencies.clone();
    }

    /** Calls held (committed) per second, from the first submission to the poll that saw the last commit. */
    double perSecond() {
        return perSecond;
    }

    double medianPollMicros() {
        return medianPollMicros;
    }

    private static String firstFailure(List<CompletableFuture<RawPayload>> answers) {
        for (CompletableFuture<RawPayload> answer : answers) {
            if (answer.isCompletedExceptionally()) {
                try {
                    answer.join();
                } catch (RuntimeException e) {
                    return "; a call failed: " + (e.getCause() != null ? e.getCause() : e);
                }
            }
        }
        return "";
    }

    /** Polls the store for committed held calls and frees one slot of the window per newly committed call. */
    private static final class Poller implements Runnable {

        final StoreObserver observer;
        final Semaphore slots;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        /** Calls committed so far; written by the poll thread only. */
        volatile long committed;

        volatile long lastCommitNanos;
        /** Per poll that saw progress: calls committed then, and when (poll thread only until joined). */
        private long[] pollCommitted = new long[1 << 14];

        private long[] pollNanos = new long[1 << 14];
        private int polls;
        private long[] pollGaps = new long[1 << 14];
        private int gaps;

        Poller(StoreObserver observer, Semaphore slots) {
            this.observer = observer;
            this.slots = slots;
        }

        @Override
        public void run() {
            try {
                long first = 0;
                long previousPoll = 0;
                while (!stop.get()) {
                    if (first == 0) {
                        first = observer.minArrival(SwitchboardSystem.ALIAS);
                    }
                    long max = first == 0 ? 0 : observer.maxArrival(SwitchboardSystem.ALIAS);
                    long now = System.nanoTime();
                    recordGap(previousPoll == 0 ? 0 : now - previousPoll);
                    previousPoll = now;
                    long seen = max == 0 ? 0 : max - first + 1;
                    if (seen > committed) {
                        record(seen, now);
                        slots.release((int) (seen - committed));
                        lastCommitNanos = now;
                        committed = seen;
                    }
                    LockSupport.parkNanos(POLL_PAUSE_NANOS);
                }
            } catch (Exception e) {
                failure.set(e);
                slots.release(1 << 20); // wake the sender, which then sees the failure
            }
        }

        void awaitCommitted(long count, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (committed < count) {
                throwIfFailed();
                if (System.nanoTime() - end > 0) {
                    throw new IllegalStateException("only " + committed + " of " + count + " held calls committed "
                            + timeout + " after the last was sent");
                }
                Thread.sleep(1);
            }
        }

        void throwIfFailed() {
            Exception e = failure.get();
            if (e != null) {
                throw new IllegalStateException("reading the store failed: " + e, e);
            }
        }

        private void record(long seen, long now) {
            if (polls == pollNanos.length) {
                pollNanos = Arrays.copyOf(pollNanos, polls * 2);
                pollCommitted = Arrays.copyOf(pollCommitted, polls * 2);
            }
            pollCommitted[polls] = seen;
            pollNanos[polls++] = now;
        }

        private void recordGap(long gap) {
            if (gap == 0) {
                return;
            }
            if (gaps == pollGaps.length) {
                pollGaps = Arrays.copyOf(pollGaps, gaps * 2);
            }
            pollGaps[gaps++] = gap;
        }

        /** Call i's latency: the first poll that saw at least i + 1 calls committed, minus its submission. */
        long[] latencies(long[] submitted, int count) {
            long[] result = new long[count];
            int poll = 0;
            for (int i = 0; i < count; i++) {
                while (pollCommitted[poll] < i + 1) {
                    poll++;
                }
                result[i] = pollNanos[poll] - submitted[i];
            }
            return result;
        }

        double medianPollMicros() {
            if (gaps == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(pollGaps, gaps);
            Arrays.sort(sorted);
            return sorted[gaps / 2] / 1e3;
        }
    }
}
