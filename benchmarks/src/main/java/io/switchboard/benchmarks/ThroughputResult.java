package io.switchboard.benchmarks;

/**
 * Completed round trips per second with a fixed number of calls in flight on one connection, and the CPU
 * time per call over the measured window: in the server process, and in the benchmark JVM (both clients).
 * CPU per call hardly depends on what else the machine runs, so it is the steadier figure on a busy machine.
 */
record ThroughputResult(
        double callsPerSecond,
        long calls,
        double seconds,
        double serverCpuMicrosPerCall,
        double clientCpuMicrosPerCall) {}
