package io.switchboard.server.routing;

import io.switchboard.protocol.message.Deliver;

/**
 * A session the server answers itself, under a reserved alias (one starting with
 * {@code $}, see {@link io.switchboard.protocol.Names#isReserved}); e.g. a front
 * door's {@code $lines}. Runs on the caller's event loop and answers every call with exactly one RESULT.
 */
public interface BuiltInSession {

    void deliver(Connection caller, Deliver call);
}
