package io.switchboard.benchmarks.ejb.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves {@link BenchResource} under {@code /switchboard-bench/api}. */
@ApplicationPath("api")
public class BenchApplication extends Application {}
