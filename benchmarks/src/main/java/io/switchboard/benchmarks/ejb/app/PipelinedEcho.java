package io.switchboard.benchmarks.ejb.app;

import jakarta.ejb.Local;

/**
 * The rpc workload's throughput shape from inside one EJB invocation: one connection, {@code inFlight} echo calls
 * outstanding at all times ({@code callAsync}, a new call as soon as one completes), for {@code nanos}.
 */
@Local
public interface PipelinedEcho {

    /** Returns how many calls completed within the window; a failed call fails the run. */
    long pipelined(byte[] payload, int inFlight, long nanos);
}
