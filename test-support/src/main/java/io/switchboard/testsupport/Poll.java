package io.switchboard.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline; never a fixed sleep standing in for a wait. */
public final class Poll {

    /** Generous: a loaded 2-core machine may need a while for a reload or a reconnect. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private static final long INTERVAL_MS = 50;

    private Poll() {}

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEADLINE, condition);
    }

    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + deadline.toSeconds() + " s: " + what);
            }
            pause();
        }
    }

    /** Polls until {@code condition} holds and describes the last observed state in the failure message. */
    public static <T> T until(String what, Supplier<T> observe, java.util.function.Predicate<T> condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        T last = observe.get();
        while (!condition.test(last)) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what + "; last seen: " + last);
            }
            pause();
            last = observe.get();
        }
        return last;
    }

    public static void pause() {
        try {
            Thread.sleep(INTERVAL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
