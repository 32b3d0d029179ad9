package io.switchboard.benchmarks.frontdoor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.IntSupplier;

/** Waiting for the servers on loopback, each wait with its deadline. */
final class Loopback {

    private Loopback() {}

    /** Returns once {@code port} on loopback accepts a connection. */
    static void awaitAccepting(int port, Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() - end > 0) {
                    throw new IOException("nothing accepted on port " + port + " within " + deadline);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Returns once {@code count} reaches {@code expected}, polling every 10 ms. */
    static void awaitCount(String what, IntSupplier count, int expected, Duration deadline)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (count.getAsInt() < expected) {
            if (System.nanoTime() - end > 0) {
                throw new IllegalStateException(
                        "only " + count.getAsInt() + " of " + expected + " " + what + " within " + deadline);
            }
            Thread.sleep(10);
        }
    }
}
