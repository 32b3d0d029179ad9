package io.switchboard.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves the REST endpoint under {@code /switchboard-sample/api}. */
@ApplicationPath("api")
public class SampleApplication extends Application {}
