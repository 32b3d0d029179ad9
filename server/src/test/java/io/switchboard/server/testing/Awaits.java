package io.switchboard.server.testing;

import java.util.function.BooleanSupplier;

/** Polling with a deadline, for state the server changes on its own threads. */
public final class Awaits {

    private Awaits() {}

    /** Polls {@code condition} (which may throw: that counts as not yet) until true or {@code within} passed. */
    public static void await(java.time.Duration within, String what, java.util.concurrent.Callable<Boolean> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what + (last == null ? "" : "; last: " + last));
            }
            Thread.sleep(20);
        }
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TestPeer.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
