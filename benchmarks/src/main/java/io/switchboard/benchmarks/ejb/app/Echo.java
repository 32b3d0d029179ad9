package io.switchboard.benchmarks.ejb.app;

import jakarta.ejb.Local;

/** One round trip to the echo session: returns the payload as the publisher sent it back. */
@Local
public interface Echo {

    byte[] echo(byte[] payload);
}
