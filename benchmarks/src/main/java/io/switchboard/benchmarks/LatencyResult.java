package io.switchboard.benchmarks;

/** Sequential round-trip latency of one caller, in microseconds. */
record LatencyResult(double p50Micros, double p99Micros, int calls) {}
