package io.switchboard.jca.adapter;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The adapter tests' one way to wait for a condition: polling, with a deadline that fails the test by name. */
public final class Poll {

    private Poll() {}

    /** Polls {@code condition} until it holds; fails naming {@code what} once {@code patience} has passed. */
    public static void until(String what, BooleanSupplier condition, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }
}
