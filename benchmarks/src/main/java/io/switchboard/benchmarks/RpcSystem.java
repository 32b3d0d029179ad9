package io.switchboard.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One request-reply system under test, already connected: a responder that echoes the request body and a
 * requester on its own connection. The workload only ever talks to this interface, so both systems run the
 * very same loops.
 */
interface RpcSystem extends AutoCloseable {

    /** The name printed at the start of each result line. */
    String name();

    /** One blocking round trip; returns the echoed body. */
    byte[] call(byte[] body, Duration timeout) throws Exception;

    /** One round trip in flight; the future completes (or fails) within {@code timeout}. */
    CompletableFuture<?> callAsync(byte[] body, Duration timeout);

    /**
     * One round trip requester -> server -> requester, no responder involved (PING/PONG). A diagnostic: the
     * call's latency minus two of these is roughly what the responder side and the forwarding add.
     */
    void ping(Duration timeout) throws Exception;

    /** CPU time the server process has used so far (user + system), for CPU-per-call accounting. */
    Duration serverCpuTime();

    /** Closes the connections and stops any process this system started. */
    @Override
    void close();
}
