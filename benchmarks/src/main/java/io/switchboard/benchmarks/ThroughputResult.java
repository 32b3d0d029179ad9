package io.switchboard.benchmarks;

/** Completed round trips per second with a fixed number of calls in flight on one connection. */
record ThroughputResult(double callsPerSecond, long calls, double seconds) {
}
