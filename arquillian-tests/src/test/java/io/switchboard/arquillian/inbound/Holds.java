package io.switchboard.arquillian.inbound;

import io.switchboard.jca.api.inbound.Call;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** How the test beans keep a call in progress: never past the caller's deadline, and interruptible. */
public final class Holds {

    private static final long STEP_MILLIS = 10;

    private Holds() {}

    /** Sleeps {@code millis}, or less when the caller stops waiting first; returns the millis slept. */
    static long sleep(long millis, Call call) throws InterruptedException {
        long slept = Math.max(0, Math.min(millis, call.remaining().toMillis()));
        Thread.sleep(slept);
        return slept;
    }

    /** Waits until {@code condition} holds or {@code atMost} passes (never past the caller's deadline). */
    static boolean until(BooleanSupplier condition, Duration atMost, Call call) throws InterruptedException {
        long deadline =
                System.nanoTime() + Math.min(atMost.toNanos(), call.remaining().toNanos());
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(STEP_MILLIS);
        }
        return true;
    }
}
