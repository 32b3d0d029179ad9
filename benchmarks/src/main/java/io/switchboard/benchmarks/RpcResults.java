package io.switchboard.benchmarks;

/** One system's rpc figures: sequential latency and windowed throughput. */
record RpcResults(LatencyResult latency, ThroughputResult throughput) {}
