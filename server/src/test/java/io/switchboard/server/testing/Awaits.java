package io.switchboard.server.testing;

import java.util.function.BooleanSupplier;

/** Polling with a deadline, for state the server changes on its own threads. */
public final class Awaits {

    private Awaits() {}

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
